using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Tests.Enrichment;

internal static class EnrichmentTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    public static Item Item(string id, string title, string? body) =>
        new(id, "thai-nguyen", "thai-nguyen-web", Platform.Web, ItemKind.Article, $"https://thainguyentv.vn/{id}", title, body, null, null, Now, Now);

    public static Comment Comment(string id, string itemId, string text) =>
        new(id, itemId, Platform.YouTube, null, "khán giả", text, Now, 0);

    public static ContentBatch Batch(IReadOnlyList<Item> items, IReadOnlyList<Comment> comments) => new(items, [], comments, [], []);
}
