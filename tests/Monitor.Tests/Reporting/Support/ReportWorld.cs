using Monitor.Pipeline;
using Monitor.Domain;
using Monitor.Storage;

namespace Monitor.Tests.Reporting.Support;

/// <summary>
/// A few months of a small cluster, made up from a seed: four stations on five platforms, headlines
/// that repeat within and across stations, posts linking to articles (with tracking parameters),
/// items without a publish time, observations at irregular ages (some without an age), saved in
/// shuffled batches with later observations arriving in later saves, and a few re-collected items
/// whose publish time moved. Enough to exercise every ranking, baseline and linking rule.
/// </summary>
internal sealed class ReportWorld
{
    public static readonly DateTimeOffset Start = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Headlines =
    [
        "Khánh thành cầu mới nối hai bờ sông Cầu",
        "Học sinh giành huy chương vàng Olympic Toán quốc tế",
        "Mưa lớn gây sạt lở trên quốc lộ 3",
        "Hội nghị xúc tiến đầu tư vào khu công nghiệp",
        "Lễ hội văn hóa các dân tộc vùng cao",
        "Tăng cường phòng chống dịch sốt xuất huyết",
        "Nông dân thu hoạch chè vụ thu",
        "Kỳ họp thứ mười Hội đồng nhân dân tỉnh",
        "Ra mắt sản phẩm OCOP mới của huyện",
        "Đường thôn được bê tông hóa nhờ nhân dân góp công",
    ];

    public static IReadOnlyList<Station> Stations { get; } =
    [
        new("thai-nguyen", "Thái Nguyên", "Thái Nguyên", "cum-2", [], null, []),
        new("lang-son", "Lạng Sơn", "Lạng Sơn", "cum-2", [], null, []),
        new("cao-bang", "Cao Bằng", "Cao Bằng", "cum-2", [], null, []),
        new("thanh-hoa", "Thanh Hóa", "Thanh Hóa", "cum-4", [], null, []),
    ];

    public ReportWorld(int seed, int itemsPerStation)
    {
        var random = new Random(seed);
        var items = new List<Item>();
        var observations = new List<Observation>();
        foreach (var station in Stations)
        {
            var articles = new List<Item>();
            for (var n = 0; n < itemsPerStation; n++)
            {
                var platform = (Platform)random.Next(5);
                var kind = platform switch { Platform.Web => ItemKind.Article, Platform.YouTube => ItemKind.Video, Platform.TikTok => ItemKind.Clip, _ => ItemKind.Post };
                DateTimeOffset? published = random.Next(15) == 0 ? null : Start + TimeSpan.FromHours(random.Next(24 * 90)) + TimeSpan.FromSeconds(random.Next(3600));
                var collected = (published ?? Start.AddDays(random.Next(90))) + TimeSpan.FromMinutes(random.Next(1, 600));
                var headline = Headlines[random.Next(Headlines.Length)];
                var title = random.Next(4) switch
                {
                    0 => headline,
                    1 => headline.ToUpperInvariant() + "!",
                    2 => headline + " " + station.Name,
                    _ => $"Bản tin {n}: {headline.Split(' ')[random.Next(3)]} {random.Next(1000)}",
                };
                var id = platform == Platform.Web ? $"web:{station.Id}-{n}" : $"{platform.ToWire()}:{station.Id}-{n}";
                var url = platform == Platform.Web ? $"https://{station.Id}.vn/tin-tuc/bai-{n}.html" : $"https://{platform.ToWire()}.com/{station.Id}/{n}";
                string? body = null;
                if (platform != Platform.Web && articles.Count > 0 && random.Next(3) == 0)
                {
                    var target = articles[random.Next(articles.Count)];
                    body = $"Mời xem chi tiết: {target.Url.Replace("https://", "https://www.", StringComparison.Ordinal)}?utm_source=fb";
                }

                var item = new Item(id, station.Id, $"{station.Id}-{platform.ToWire()}", platform, kind, url, title, body, null, null, published, collected);
                if (platform == Platform.Web)
                {
                    articles.Add(item);
                }

                items.Add(item);
                if (published is { } p && random.Next(8) != 0)
                {
                    long value = 0;
                    foreach (var hours in new[] { 0.3, 0.5, 1.5, 6, 20, 26, 100, 170, 200 }.Where(_ => random.Next(3) != 0))
                    {
                        value += random.Next(0, 400);
                        var at = p + TimeSpan.FromHours(hours) + TimeSpan.FromSeconds(random.Next(60));
                        observations.Add(new Observation(id, at, random.Next(2) == 0 ? null : at - p, platform is Platform.YouTube or Platform.TikTok ? value * 20 : null, value, random.Next(2) == 0 ? null : value / 10, value / 20));
                    }
                }
            }
        }

        Items = [.. items.OrderBy(_ => random.Next())];
        Observations = [.. observations.OrderBy(_ => random.Next())];
        Moved = [.. Items.Where(i => i.PublishedAt is not null).Take(5).Select(i => i with { PublishedAt = i.PublishedAt!.Value.AddHours(-30), Title = i.Title + " (cập nhật)" })];
    }

    public IReadOnlyList<Item> Items { get; }

    public IReadOnlyList<Observation> Observations { get; }

    /// <summary>Items collected again later with an earlier publish time and a new title.</summary>
    public IReadOnlyList<Item> Moved { get; }

    /// <summary>Saves everything in several batches: items in shuffled order, observations in later saves, then the moved items.</summary>
    public async Task SaveAsync(IContentWriter store, int batchSize = 37)
    {
        for (var i = 0; i < Items.Count; i += batchSize)
        {
            var items = Items.Skip(i).Take(batchSize).ToList();
            var ids = items.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
            var early = Observations.Where(o => ids.Contains(o.ItemId) && o.Age is { TotalHours: < 2 }).ToList();
            await store.SaveAsync(ContentBatch.Empty with { Items = items, Observations = early });
        }

        var rest = Observations.Where(o => o.Age is not { TotalHours: < 2 }).ToList();
        for (var i = 0; i < rest.Count; i += batchSize * 3)
        {
            await store.SaveAsync(ContentBatch.Empty with { Observations = [.. rest.Skip(i).Take(batchSize * 3)] });
        }

        await store.SaveAsync(ContentBatch.Empty with { Items = Moved });
    }
}
