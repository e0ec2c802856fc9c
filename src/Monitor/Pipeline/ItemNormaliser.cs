using System.Text;
using Monitor.Collection;
using Monitor.Domain;

namespace Monitor.Pipeline;

/// <summary>
/// The one place collected text and times are made uniform before enrichers and the store see them:
/// NFC text (Vietnamese can arrive decomposed, which breaks equality and search), trimmed, empty
/// optional fields as null, every time in UTC.
/// </summary>
internal static class ItemNormaliser
{
    public static CollectedItem Normalise(CollectedItem collected) => collected with
    {
        Item = Normalise(collected.Item),
        Observations = [.. collected.Observations.Select(Normalise)],
        Comments = [.. collected.Comments.Select(Normalise)],
    };

    /// <summary>A whole batch (an import's), item by item as a collected one would be.</summary>
    public static ContentBatch Normalise(ContentBatch batch) => batch with
    {
        Items = [.. batch.Items.Select(Normalise)],
        Observations = [.. batch.Observations.Select(Normalise)],
        Comments = [.. batch.Comments.Select(Normalise)],
    };

    public static Item Normalise(Item item) => item with
    {
        Url = item.Url.Trim(),
        Title = Text(item.Title) ?? string.Empty,
        Body = Text(item.Body),
        Author = Text(item.Author),
        Category = Text(item.Category),
        PublishedAt = item.PublishedAt?.ToUniversalTime(),
        CollectedAt = item.CollectedAt.ToUniversalTime(),
    };

    public static Observation Normalise(Observation observation) => observation with { ObservedAt = observation.ObservedAt.ToUniversalTime() };

    public static Comment Normalise(Comment comment) =>
        comment with { Text = Text(comment.Text) ?? string.Empty, Author = Text(comment.Author), PublishedAt = comment.PublishedAt?.ToUniversalTime() };

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
