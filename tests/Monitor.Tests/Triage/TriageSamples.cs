using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Triage;

namespace Monitor.Tests.Triage;

/// <summary>Our own Vietnamese sample content for the triage and search contracts: four items on two stations, comments, labels and four flags.</summary>
internal static class TriageSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly Item Landslide = new("web:tn-1", "thai-nguyen", "thai-nguyen-web", Platform.Web, ItemKind.Article, "https://baothainguyen.vn/sat-lo.html",
        "Sạt lở đất ở Thái Nguyên", "Mưa lớn gây sạt lở tại huyện Đại Từ, tỉnh Thái Nguyên. Người dân ở Điện Biên cũng lo lắng.", "Minh Anh", "Thời sự", T0.AddHours(1), T0.AddHours(2));

    public static readonly Item Bridge = new("youtube:v1", "thai-nguyen", "thai-nguyen-youtube", Platform.YouTube, ItemKind.Video, "https://www.youtube.com/watch?v=v1",
        "Cầu Gia Bảy nhìn từ trên cao", null, null, null, T0.AddDays(3), T0.AddDays(3).AddHours(1));

    public static readonly Item Undated = new("facebook:p1", "thanh-hoa", "thanh-hoa-facebook", Platform.Facebook, ItemKind.Post, "https://www.facebook.com/p1",
        "Bài đăng về Thái Nguyên", "Chia sẻ lại tin lũ.", null, null, null, T0.AddDays(5));

    public static readonly Item Festival = new("web:th-2", "thanh-hoa", "thanh-hoa-web", Platform.Web, ItemKind.Article, "https://baothanhhoa.vn/le-hoi.html",
        "Lễ hội Thanh Hóa", "Không liên quan.", null, null, T0.AddDays(2), T0.AddDays(2));

    public static readonly Comment Praise = new("youtube:c1", Bridge.Id, Platform.YouTube, null, "Người xem", "Thái Nguyên đẹp quá!", T0.AddDays(3).AddHours(1), 5);

    public static readonly Comment Question = new("youtube:c2", Bridge.Id, Platform.YouTube, null, null, "Đường đi Điện Biên thế nào?", T0.AddDays(3).AddHours(2), null);

    public static readonly Comment Plain = new("web:k1", Landslide.Id, Platform.Web, null, null, "thai nguyen co sao khong", null, null);

    public static readonly Observation[] Observations =
    [
        new(Landslide.Id, T0.AddHours(3), TimeSpan.FromHours(2), 300, 30, 4, 2),
        new(Landslide.Id, T0.AddHours(2), TimeSpan.FromHours(1), 100, 10, 2, 1),
    ];

    public static readonly Assessment[] Assessments =
    [
        new(Landslide.Id, TargetKind.Item, "sentiment", "negative", 0.8, "vi-linear-1"),
        new(Praise.Id, TargetKind.Comment, "toxicity", "clean", 0.9, "vi-linear-1"),
    ];

    public static readonly Flag OnLandslide = new(Landslide.Id, TargetKind.Item, "watchlist:thien-tai", "high", "Nhắc đến sạt lở", 0.8, ["sạt lở"], T0.AddHours(4));

    public static readonly Flag OnPraise = new(Praise.Id, TargetKind.Comment, "model:toxicity", "medium", "Bình luận cần xem", 0.7, ["đẹp"], T0.AddDays(3).AddHours(2));

    public static readonly Flag OnUndated = new(Undated.Id, TargetKind.Item, "watchlist:thien-tai", "low", "Nhắc đến lũ", null, ["lũ"], T0.AddDays(5));

    public static readonly Flag OnFestival = new(Festival.Id, TargetKind.Item, "model:sentiment", "high", "Tin tiêu cực", 0.9, [], T0.AddDays(5));

    public static ContentBatch Content => new([Landslide, Bridge, Undated, Festival], Observations, [Praise, Question, Plain], Assessments, []);

    public static ContentBatch Flags => ContentBatch.Empty with { Flags = [OnLandslide, OnPraise, OnUndated, OnFestival] };

    public static string Id(Flag flag) => FlagIds.Of(flag);

    /// <summary>The sample flags by short name, for expectations written as "undated festival praise".</summary>
    public static string Ids(string names) => string.Join(' ', names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => Id(n switch
    {
        "landslide" => OnLandslide,
        "praise" => OnPraise,
        "undated" => OnUndated,
        "festival" => OnFestival,
        _ => throw new ArgumentException(n),
    })));
}
