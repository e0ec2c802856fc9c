using Monitor.Domain;

namespace Monitor.Tests.Reporting;

/// <summary>Small hand-made items and observations whose report figures can be worked out on paper.</summary>
internal static class ReportSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static Item Item(string id, string station, string channel, DateTimeOffset published, ItemKind kind = ItemKind.Video, Platform platform = Platform.YouTube, string? title = null, string? url = null, string? body = null) =>
        new(id, station, channel, platform, kind, url ?? $"https://example.vn/{id}", title ?? $"Tiêu đề {id}", body, null, null, published, published);

    /// <summary>An observation carrying <paramref name="engagement"/> as reactions only, at <paramref name="ageHours"/>.</summary>
    public static Observation At(Item item, double ageHours, long engagement, long? views = null) =>
        new(item.Id, item.PublishedAt!.Value + TimeSpan.FromHours(ageHours), TimeSpan.FromHours(ageHours), views, engagement, null, null);
}
