using System.Buffers;

namespace Monitor.Extraction;

/// <summary>
/// Empties, in the raw HTML, what a reader never sees and no extraction rule reads: the bodies of
/// <c>&lt;script&gt;</c> (JSON-LD excepted), <c>&lt;style&gt;</c> and <c>&lt;svg&gt;</c>, and comments. On
/// news pages these are about 45% of the characters (WCXB dev: scripts 22%, styles 16%, svg 5%), and
/// parsing them into a DOM only for the cleaner to throw them away was most of the parser's work.
/// The elements themselves stay (empty), so the page's structure is unchanged; a block that is
/// never closed is left as it is for the parser to handle.
/// </summary>
internal static class UnseenMarkup
{
    private static readonly SearchValues<string> Openings =
        SearchValues.Create(["<script", "<style", "<svg", "<!--"], StringComparison.OrdinalIgnoreCase);

    public static string Strip(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var source = html.AsSpan();
        char[]? buffer = null;
        var written = 0;
        var copiedUpTo = 0;
        var position = 0;
        try
        {
            while (position < source.Length)
            {
                var found = source[position..].IndexOfAny(Openings);
                if (found < 0)
                {
                    break;
                }

                var start = position + found;
                var (keepUpTo, resumeAt) = Block(source, start);
                if (resumeAt <= start)
                {
                    // Not a block we empty (a longer tag name, JSON-LD, or never closed): step past its '<'.
                    position = start + 1;
                    continue;
                }

                buffer ??= ArrayPool<char>.Shared.Rent(html.Length);
                source[copiedUpTo..keepUpTo].CopyTo(buffer.AsSpan(written));
                written += keepUpTo - copiedUpTo;
                copiedUpTo = resumeAt;
                position = resumeAt;
            }

            if (buffer is null)
            {
                return html;
            }

            source[copiedUpTo..].CopyTo(buffer.AsSpan(written));
            written += source.Length - copiedUpTo;
            return new string(buffer, 0, written);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<char>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// For an opening at <paramref name="start"/>: copy the page up to <c>KeepUpTo</c> and go on from
    /// <c>ResumeAt</c>. A comment goes entirely; an element keeps its tags and loses its body.
    /// <c>ResumeAt &lt;= start</c> means leave this one alone.
    /// </summary>
    private static (int KeepUpTo, int ResumeAt) Block(ReadOnlySpan<char> source, int start)
    {
        var rest = source[start..];
        if (rest.StartsWith("<!--", StringComparison.Ordinal))
        {
            var end = rest[4..].IndexOf("-->", StringComparison.Ordinal);
            return end < 0 ? (start, start) : (start, start + 4 + end + 3);
        }

        var name = rest[1] is 's' or 'S' && rest.Length > 2 && rest[2] is 'c' or 'C' ? "script"
            : rest[2] is 't' or 'T' ? "style" : "svg";
        if (rest.Length <= name.Length + 1 || !EndsTagName(rest[(name.Length + 1)..][0]))
        {
            return (start, start);
        }

        var openEnd = TagEnd(rest);
        if (openEnd < 0)
        {
            return (start, start);
        }

        if (name == "script" && rest[..openEnd].Contains("ld+json", StringComparison.OrdinalIgnoreCase))
        {
            return (start, start);
        }

        if (rest[openEnd - 1] == '/')
        {
            // <svg ... /> has no body.
            return (start, start);
        }

        var bodyStart = openEnd + 1;
        var close = CloseTag(rest, bodyStart, name);
        return close < 0 ? (start, start) : (start + bodyStart, start + close);
    }

    /// <summary>Where the matching <c>&lt;/name</c> starts; svg may nest, script and style end at the first close.</summary>
    private static int CloseTag(ReadOnlySpan<char> rest, int from, string name)
    {
        var closing = "</" + name;
        var depth = 1;
        var position = from;
        while (position < rest.Length)
        {
            var close = rest[position..].IndexOf(closing, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                return -1;
            }

            if (name == "svg")
            {
                var inner = rest[position..(position + close)];
                depth += CountOpenings(inner, "<svg");
            }

            depth--;
            if (depth == 0)
            {
                return position + close;
            }

            position += close + closing.Length;
        }

        return -1;
    }

    private static int CountOpenings(ReadOnlySpan<char> text, string opening)
    {
        var count = 0;
        for (var at = text.IndexOf(opening, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(opening, StringComparison.OrdinalIgnoreCase))
        {
            var after = at + opening.Length;
            if (after < text.Length && EndsTagName(text[after]))
            {
                count++;
            }

            text = text[after..];
        }

        return count;
    }

    /// <summary>The '&gt;' that closes the opening tag at the span's start, skipping any inside quoted attribute values; -1 when none does.</summary>
    internal static int TagEnd(ReadOnlySpan<char> tag)
    {
        var quote = '\0';
        for (var i = 1; i < tag.Length; i++)
        {
            var c = tag[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool EndsTagName(char c) => c is '>' or '/' || char.IsWhiteSpace(c);
}
