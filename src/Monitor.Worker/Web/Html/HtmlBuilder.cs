using System.Text;

namespace Monitor.Worker.Web.Html;

/// <summary>
/// Builds a page's markup. Everything that comes from data goes through <see cref="Text"/> or an
/// attribute value and is escaped, so a title holding <c>&lt;script&gt;</c> shows as text;
/// <see cref="Raw"/> takes only markup written in this project.
/// </summary>
public sealed class HtmlBuilder
{
    private readonly StringBuilder builder = new(16 * 1024);

    public HtmlBuilder Raw(string markup)
    {
        builder.Append(markup);
        return this;
    }

    public HtmlBuilder Text(string? text)
    {
        Escape(builder, text);
        return this;
    }

    /// <summary>An element with escaped text content and escaped attributes (name, value pairs).</summary>
    public HtmlBuilder Element(string tag, string? text, params string?[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Close(tag);
    }

    public HtmlBuilder Open(string tag, params string?[] attributes)
    {
        builder.Append('<').Append(tag);
        for (var i = 0; i + 1 < attributes.Length; i += 2)
        {
            if (attributes[i + 1] is { } value)
            {
                builder.Append(' ').Append(attributes[i]).Append("=\"");
                Escape(builder, value);
                builder.Append('"');
            }
        }

        builder.Append('>');
        return this;
    }

    public HtmlBuilder Close(string tag)
    {
        builder.Append("</").Append(tag).Append('>');
        return this;
    }

    public HtmlBuilder Link(string href, string? text, string? cssClass = null) => Element("a", text, "href", href, "class", cssClass);

    public override string ToString() => builder.ToString();

    public static string Escape(string? text)
    {
        var result = new StringBuilder();
        Escape(result, text);
        return result.ToString();
    }

    private static void Escape(StringBuilder target, string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (var c in text)
        {
            switch (c)
            {
                case '<': target.Append("&lt;"); break;
                case '>': target.Append("&gt;"); break;
                case '&': target.Append("&amp;"); break;
                case '"': target.Append("&quot;"); break;
                case '\'': target.Append("&#39;"); break;
                default: target.Append(c); break;
            }
        }
    }
}
