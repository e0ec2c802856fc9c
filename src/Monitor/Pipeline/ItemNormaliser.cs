using System.Text;
using Monitor.Collection;

namespace Monitor.Pipeline;

/// <summary>
/// The one place collected text and times are made uniform before enrichers and the store see them:
/// NFC text (Vietnamese can arrive decomposed, which breaks equality and search), trimmed, empty
/// optional fields as null, every time in UTC.
/// </summary>
internal static class ItemNormaliser
{
    public static CollectedItem Normalise(CollectedItem collected)
    {
        var item = collected.Item;
        var normalisedItem = item with
        {
            Url = item.Url.Trim(),
            Title = Text(item.Title) ?? string.Empty,
            Body = Text(item.Body),
            Author = Text(item.Author),
            Category = Text(item.Category),
            PublishedAt = item.PublishedAt?.ToUniversalTime(),
            CollectedAt = item.CollectedAt.ToUniversalTime(),
        };
        return collected with
        {
            Item = normalisedItem,
            Observations = [.. collected.Observations.Select(o => o with { ObservedAt = o.ObservedAt.ToUniversalTime() })],
            Comments = [.. collected.Comments.Select(c => c with { Text = Text(c.Text) ?? string.Empty, Author = Text(c.Author), PublishedAt = c.PublishedAt?.ToUniversalTime() })],
        };
    }

    public static string? Text(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Normalize(NormalizationForm.FormC).Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
