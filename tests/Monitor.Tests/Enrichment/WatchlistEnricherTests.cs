using Microsoft.Extensions.Time.Testing;
using Monitor.Domain;
using Monitor.Enrichment;
using Monitor.Tests.Support;
using static Monitor.Tests.Enrichment.EnrichmentTestData;

namespace Monitor.Tests.Enrichment;

public sealed class WatchlistEnricherTests
{
    private static readonly Watchlist PublicOrder = new("an-ninh-trat-tu",
        [new("bạo loạn", WatchSeverity.High, "an ninh trật tự"), new("biểu tình", WatchSeverity.Medium, "an ninh trật tự")]);

    private static readonly Watchlist Disasters = new("thien-tai", [new("lũ quét", WatchSeverity.High, "thiên tai")]);

    private static WatchlistEnricher Enricher() => new([PublicOrder, Disasters], new FakeTimeProvider(Now));

    [Fact]
    public void Enrich_TermsTypedWithoutDiacritics_FlagPerListWithEvidence()
    {
        var batch = Batch([Item("web:1", "Lũ quét ở Bắc Kạn", "Không có bieu tinh hay BẠO LOẠN nào")], []);

        var flags = Enricher().Enrich(batch).Flags;

        flags.Count.ShouldBe(2);
        var order = flags.Single(f => f.Source == "watchlist:an-ninh-trat-tu");
        order.Severity.ShouldBe("high");
        order.Evidence.ShouldBe(["biểu tình (medium, an ninh trật tự)", "bạo loạn (high, an ninh trật tự)"], ignoreOrder: true);
        order.TargetKind.ShouldBe(TargetKind.Item);
        flags.Single(f => f.Source == "watchlist:thien-tai").Evidence.ShouldBe(["lũ quét (high, thiên tai)"]);
    }

    [Fact]
    public void Enrich_TermOnlyInsideLongerWords_NoFlag()
    {
        var batch = Batch([], [Comment("youtube:c1", "web:1", "lũy quét sân; bạo loạnxạ")]);

        Enricher().Enrich(batch).Flags.ShouldBeEmpty();
    }

    [Fact]
    public void LoadFolder_RepositoryWatchlists_ParseWithoutErrors()
    {
        var folder = Path.Combine(RepositoryPaths.Pipelines, "watchlists");

        var lists = WatchlistLoader.LoadFolder(folder);

        lists.Count.ShouldBeGreaterThanOrEqualTo(3);
        lists.SelectMany(l => l.Terms).ShouldAllBe(t => t.Topic.Length > 0);
    }

    [Fact]
    public void Parse_BadSeverityAndMissingTopic_EveryProblemReported()
    {
        var errors = new List<string>();

        WatchlistLoader.Parse("name: x\nterms:\n  - term: a\n    severity: urgent\n  - severity: low\n", "x", errors, "x.yaml");

        errors.Count.ShouldBe(3);
        errors.ShouldContain(e => e.Contains("urgent", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("no 'term'", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("no topic", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFolder_UnknownKey_ClearError()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-watch-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bad.yaml"), "name: x\ntopic: t\nwords: [a]\n");

            Should.Throw<InvalidDataException>(() => WatchlistLoader.LoadFolder(folder)).Message.ShouldContain("bad.yaml");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
