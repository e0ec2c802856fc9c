using Microsoft.Extensions.Time.Testing;
using Monitor.Configuration;
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
    public void LoadFolder_BadSeverityAndMissingTopic_EveryProblemReportedAtItsLine()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-watch-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "x.yaml"), "name: x\nterms:\n  - term: a\n    severity: urgent\n  - severity: low\n");

            var problems = Should.Throw<InvalidConfigurationException>(() => WatchlistLoader.LoadFolder(folder)).Problems;

            problems.Select(p => p.Line).ShouldBe([3, 4, 5], ignoreOrder: true);
            problems.ShouldContain(p => p.Message.Contains("urgent", StringComparison.Ordinal));
            problems.ShouldContain(p => p.Message.Contains("'term'", StringComparison.Ordinal));
            problems.ShouldContain(p => p.Message.Contains("no 'topic'", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LoadFolder_UnknownKey_ClearError()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-watch-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bad.yaml"), "name: x\ntopic: t\nwords: [a]\n");

            Should.Throw<InvalidConfigurationException>(() => WatchlistLoader.LoadFolder(folder)).Message.ShouldContain("bad.yaml:3:1");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
