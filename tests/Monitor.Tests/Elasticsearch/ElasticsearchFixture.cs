using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Replay.Elasticsearch;
using Monitor.Storage;
using Monitor.Storage.Elasticsearch;
using Monitor.Tests.Support;

namespace Monitor.Tests.Elasticsearch;

/// <summary>A fresh stand-in, a store pointed at it, a fake clock and a temp folder for the dead-letter file.</summary>
public sealed class ElasticsearchFixture : IAsyncDisposable
{
    private ElasticsearchFixture(ReplayElasticsearch standIn)
    {
        StandIn = standIn;
    }

    public ReplayElasticsearch StandIn { get; }

    public AutoAdvancingClock Clock { get; } = new();

    /// <summary>A fresh temp folder for this test (dead-letter file, checkpoints).</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("monitor-es-").FullName;

    public string DeadLetterPath => Path.Combine(Folder, "dead-letter.jsonl");

    public static async Task<ElasticsearchFixture> StartAsync() => new(await ReplayElasticsearch.StartAsync());

    public ElasticsearchOptions Options(Func<ElasticsearchOptions, ElasticsearchOptions>? adjust = null)
    {
        var options = new ElasticsearchOptions
        {
            Url = StandIn.Url,
            DeadLetterPath = DeadLetterPath,
            StationClusters = new Dictionary<string, string> { ["thai-nguyen"] = "cum-2", ["thanh-hoa"] = "cum-4" },
            HealthWaitTimeout = TimeSpan.FromSeconds(5),
        };
        return adjust is null ? options : adjust(options);
    }

    internal ElasticsearchStoreParts Parts(ElasticsearchOptions? options = null)
    {
        return ElasticsearchStoreRegistration.Create(options ?? Options(), Clock, NullLoggerFactory.Instance, new Random(7));
    }

    public IContentStore Store(ElasticsearchOptions? options = null) => Parts(options).Store;

    public async Task<IContentStore> InitializedStoreAsync(ElasticsearchOptions? options = null)
    {
        var store = Store(options);
        await store.InitializeAsync();
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the test over clean-up would hide its result.
        }
    }
}

/// <summary>Our own Vietnamese sample content: a few items with observations, comments, assessments and flags.</summary>
public static class ElasticsearchSamples
{
    public static readonly DateTimeOffset Published = new(2025, 11, 19, 1, 30, 0, TimeSpan.Zero);

    public static Item Item(int n, string station = "thai-nguyen", Platform platform = Platform.Web, string? body = null)
    {
        var url = $"https://thainguyentv.vn/tin-tuc/le-hoi-tra-thai-nguyen-{n}.html";
        return new Item(
            platform == Platform.Web ? Monitor.Domain.Item.WebId(url) : Monitor.Domain.Item.PlatformId(platform, $"vid{n}"),
            station,
            $"{station}-{platform.ToWire()}",
            platform,
            platform == Platform.Web ? ItemKind.Article : ItemKind.Video,
            url,
            $"Lễ hội Trà Thái Nguyên lần thứ {n}: Đặc sản vùng chè",
            body ?? $"Sáng nay, đông đảo người dân Thái Nguyên đã đến dự lễ hội số {n}. Đường phố rực rỡ cờ hoa.",
            "Nguyễn Văn Đức",
            "Văn hóa",
            Published.AddHours(n),
            Published.AddHours(n + 1));
    }

    public static ContentBatch Batch(int items, int observationsPerItem = 2, int commentsPerItem = 2, int start = 0, string station = "thai-nguyen")
    {
        var list = Enumerable.Range(start, items).Select(n => Item(n, station)).ToList();
        var observations = list.SelectMany(i => Enumerable.Range(1, observationsPerItem).Select(k =>
            new Observation(i.Id, i.PublishedAt!.Value.AddHours(k), TimeSpan.FromHours(k), 100 * k, 10 * k, k, k / 2))).ToList();
        var comments = list.SelectMany(i => Enumerable.Range(1, commentsPerItem).Select(k =>
            new Comment($"web:{i.Id[4..]}-c{k}", i.Id, Platform.Web, null, "Bạn đọc", $"Bài viết rất hay, cảm ơn đài số {k}!", i.PublishedAt!.Value.AddMinutes(k), k))).ToList();
        var assessments = list.Select(i => new Assessment(i.Id, TargetKind.Item, "sentiment", "positive", 0.91, "vi-linear-1"))
            .Concat(comments.Select(c => new Assessment(c.Id, TargetKind.Comment, "toxicity", "clean", 0.97, "vi-linear-1"))).ToList();
        var flags = list.Take(1).Select(i => new Flag(i.Id, TargetKind.Item, "watchlist:thien-tai", "high", "Nhắc đến sạt lở đất", 0.8, ["sạt lở"], i.CollectedAt)).ToList();
        return new ContentBatch(list, observations, comments, assessments, flags);
    }
}
