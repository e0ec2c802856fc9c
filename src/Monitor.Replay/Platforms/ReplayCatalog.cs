using System.Security.Cryptography;
using System.Text;
using Monitor.Domain;

namespace Monitor.Replay.Platforms;

/// <summary>One replayed account: a station's YouTube channel, Facebook Page, TikTok account or Zalo OA.</summary>
public sealed record ReplayAccount(string StationId, Platform Platform, string AccountId, string Name, string Domain, long BaseFollowers)
{
    /// <summary>The token the replay expects; for TikTok and Zalo it also decides whose content comes back, as on the real APIs.</summary>
    public string Token => $"replay-token-{Platform.ToWire()}-{AccountId}";

    /// <summary>Conventional name of the environment variable a station file names for this account's token.</summary>
    public string TokenEnv => $"MONITOR_{Platform.ToWire().ToUpperInvariant()}_TOKEN_{StationId.Replace('-', '_').ToUpperInvariant()}";
}

/// <summary>
/// One replayed post, video or article. Engagement is a function of the clock: it grows quickly in
/// the first day and slowly after, so successive observations differ as on the real platforms.
/// </summary>
public sealed record ReplayPost(ReplayAccount Account, string NativeId, int Index, string Title, string Body, string Link, DateTimeOffset PublishedAt, double Weight, bool IsVideo)
{
    public bool IsVisible(DateTimeOffset now) => PublishedAt <= now;

    public long Views(DateTimeOffset now)
    {
        var hours = Math.Max(0, (now - PublishedAt).TotalHours);
        var growth = (1 - Math.Exp(-hours / 10)) + Math.Min(0.3, hours / 2000);
        return (long)Math.Round(Weight * growth);
    }

    public long Reactions(DateTimeOffset now) => Views(now) * 6 / 100;

    public long Comments(DateTimeOffset now) => Views(now) * 12 / 1000;

    public long Shares(DateTimeOffset now) => Views(now) * 8 / 1000;
}

/// <summary>
/// The replayed world: several cụm-2 stations, each on every platform, with our own made-up
/// Vietnamese headlines. Publication times are fixed relative to the start instant; a few lie in
/// the future and appear as the clock moves on.
/// </summary>
public sealed class ReplayCatalog
{
    private static readonly (string Station, string Province, string Domain, long Reach)[] Stations =
    [
        ("quang-ninh", "Quảng Ninh", "baoquangninh.vn", 20_000),
        ("thai-nguyen", "Thái Nguyên", "thainguyentv.vn", 12_000),
        ("bac-giang", "Bắc Giang", "bacgiangtv.vn", 8_000),
        ("lang-son", "Lạng Sơn", "langsontv.vn", 6_000),
        ("cao-bang", "Cao Bằng", "caobangtv.vn", 4_000),
    ];

    private static readonly string[] Headlines =
    [
        "{0}: khánh thành cầu mới nối hai bờ sông, người dân phấn khởi",
        "Bản tin thời sự tối: {0} đẩy mạnh chuyển đổi số trong thủ tục hành chính",
        "Mưa lớn kéo dài, {0} chủ động phương án phòng chống sạt lở đất",
        "Nông dân {0} trúng mùa vải thiều, giá bán cao hơn năm trước",
        "{0} tổ chức ngày hội văn hóa các dân tộc vùng cao",
        "Cảnh báo lừa đảo qua mạng xã hội nhắm vào người cao tuổi ở {0}",
        "Học sinh {0} giành huy chương vàng kỳ thi học sinh giỏi quốc gia",
        "{0} khởi công dự án đường cao tốc kết nối cửa khẩu",
        "Phóng sự: nghề làm miến dong truyền thống ở {0} vào vụ Tết",
        "Giá xăng dầu tăng, vận tải hành khách tại {0} điều chỉnh giá vé",
        "{0} tăng cường kiểm tra an toàn thực phẩm dịp cuối năm",
        "Du lịch {0} đón lượng khách kỷ lục trong kỳ nghỉ lễ",
        "Hội nghị tổng kết công tác báo chí tuyên truyền năm của {0}",
    ];

    // Hours before (positive) or after (negative) the start instant at which each headline is published.
    private static readonly double[] PublishedHoursAgo = [1, 4, 9, 20, 28, 45, 70, 100, 150, 200, -0.5, -2, -20];

    private static readonly (Platform Platform, double Factor)[] PlatformReach =
    [
        (Platform.YouTube, 1.0), (Platform.Facebook, 1.6), (Platform.TikTok, 2.5), (Platform.Zalo, 0.3),
    ];

    public ReplayCatalog(DateTimeOffset origin)
    {
        Origin = origin;
        var accounts = new List<ReplayAccount>();
        var posts = new List<ReplayPost>();
        foreach (var (station, province, domain, reach) in Stations)
        {
            foreach (var (platform, factor) in PlatformReach)
            {
                var account = new ReplayAccount(station, platform, AccountIdFor(platform, station), $"Truyền hình {province}", domain, reach * 5);
                accounts.Add(account);
                for (var i = 0; i < Headlines.Length; i++)
                {
                    var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, Headlines[i], province);
                    var link = $"https://{domain}/tin-tuc/{Slug(title)}-{1000 + i}.html";
                    var weight = reach * factor * ItemFactor(station, platform, i);
                    var body = $"{title}. Mời quý vị theo dõi chi tiết tại {link}";
                    posts.Add(new ReplayPost(account, NativeIdFor(platform, station, i), i, title, body, link,
                        origin - TimeSpan.FromHours(PublishedHoursAgo[i]), weight, platform == Platform.Zalo && i % 4 == 3));
                }
            }
        }

        Accounts = accounts;
        Posts = posts;
    }

    public DateTimeOffset Origin { get; }

    public IReadOnlyList<ReplayAccount> Accounts { get; }

    public IReadOnlyList<ReplayPost> Posts { get; }

    public ReplayAccount? FindAccount(Platform platform, string accountId) =>
        Accounts.FirstOrDefault(a => a.Platform == platform && a.AccountId == accountId);

    public ReplayAccount? FindByToken(Platform platform, string? token) =>
        Accounts.FirstOrDefault(a => a.Platform == platform && a.Token == token);

    public ReplayPost? FindPost(Platform platform, string nativeId) =>
        Posts.FirstOrDefault(p => p.Account.Platform == platform && p.NativeId == nativeId);

    /// <summary>An account's visible posts, newest first, as every listing endpoint returns them.</summary>
    public IReadOnlyList<ReplayPost> Visible(ReplayAccount account, DateTimeOffset now, PlatformFaults faults) =>
        [.. Posts.Where(p => p.Account == account && p.IsVisible(now) && !faults.IsDeleted(p.NativeId)).OrderByDescending(p => p.PublishedAt)];

    public static string AccountIdFor(Platform platform, string station) => platform switch
    {
        Platform.YouTube => "UC" + Hash(station, 22),
        Platform.Facebook => "1048576" + Digits(station, 8),
        Platform.TikTok => station.Replace("-", string.Empty, StringComparison.Ordinal) + "tv",
        Platform.Zalo => Digits("oa" + station, 18),
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    private static string NativeIdFor(Platform platform, string station, int index) => platform switch
    {
        Platform.YouTube => Hash($"{station}/video/{index}", 11),
        Platform.Facebook => $"{AccountIdFor(platform, station)}_{Digits($"{station}/post/{index}", 15)}",
        Platform.TikTok => "73" + Digits($"{station}/clip/{index}", 17),
        Platform.Zalo => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{station}/article/{index}")).AsSpan(0, 16)),
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    // Between 0.3 and 3.0, fixed per item: some posts take off, most do not.
    private static double ItemFactor(string station, Platform platform, int index)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{station}/{platform}/{index}"));
        return 0.3 + (bytes[0] / 255.0 * 2.7 * (bytes[1] % 3 == 0 ? 1 : 0.4));
    }

    private static string Hash(string text, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new string([.. bytes.Take(length).Select(b => alphabet[b % alphabet.Length])]);
    }

    private static string Digits(string text, int length)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new string([.. bytes.Take(length).Select(b => (char)('0' + (b % 10)))]);
    }

    private static string Slug(string title)
    {
        var decomposed = title.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if ((c == ' ' || c == '-') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}
