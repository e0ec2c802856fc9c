using Monitor.Domain;

namespace Monitor.Tests.Support;

/// <summary>Small domain objects for tests; our own Vietnamese text.</summary>
public static class Samples
{
    public static readonly DateTimeOffset Collected = new(2025, 11, 20, 3, 0, 0, TimeSpan.Zero);

    public static Item Article(
        string url,
        string title = "Thái Nguyên khánh thành cầu mới qua sông Cầu",
        string? body = "Sáng nay, tỉnh Thái Nguyên đưa vào sử dụng cây cầu mới nối hai bờ sông.",
        string station = "thai-nguyen",
        DateTimeOffset? published = null) =>
        new(
            Item.WebId(url),
            station,
            station + "-web",
            Platform.Web,
            ItemKind.Article,
            url,
            title,
            body,
            "Phóng viên",
            "Thời sự",
            published ?? new DateTimeOffset(2025, 11, 19, 7, 30, 0, TimeSpan.Zero),
            Collected);
}
