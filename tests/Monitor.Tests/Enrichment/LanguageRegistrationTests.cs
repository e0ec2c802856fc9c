using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Enrichment;
using Monitor.Pipeline;
using Monitor.Tests.Support;
using static Monitor.Tests.Enrichment.EnrichmentTestData;

namespace Monitor.Tests.Enrichment;

/// <summary>AddLanguage with the repository's real models and watch-lists, as the worker composes it.</summary>
public sealed class LanguageRegistrationTests
{
    private static LanguageOptions RepositoryOptions() => new()
    {
        SentimentModel = Path.Combine(RepositoryPaths.Root, "models", "sentiment.bin"),
        ToxicityModel = Path.Combine(RepositoryPaths.Root, "models", "toxicity.bin"),
        WatchlistFolder = Path.Combine(RepositoryPaths.Pipelines, "watchlists"),
        NegativeThreshold = 0.6,
        ToxicThreshold = 0.5,
    };

    [Fact]
    public void AddLanguage_ShippedModels_EnrichersInOrderAndTallyCounts()
    {
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(Now)).AddLanguage(RepositoryOptions()).AddLanguageTally().BuildServiceProvider();
        var batch = Batch(
            [Item("web:1", "Lũ quét ở Cao Bằng, sơ tán khẩn cấp", "Chính quyền đã di dời người dân an toàn.")],
            [Comment("youtube:c1", "web:1", "Đài đưa tin quá tệ, thất vọng"), Comment("youtube:c2", "web:1", "đồ ngu, câm mồm đi")]);

        foreach (var enricher in provider.GetServices<IContentEnricher>())
        {
            batch = enricher.Enrich(batch);
        }

        batch.Assessments.Count.ShouldBe(6);
        batch.Assessments.Where(a => a.Task == "sentiment").ShouldAllBe(a => a.ModelVersion.StartsWith("sentiment-", StringComparison.Ordinal));
        batch.Flags.ShouldContain(f => f.Source == "watchlist:thien-tai" && f.TargetId == "web:1");
        batch.Flags.ShouldContain(f => f.Source == "model:sentiment" && f.TargetId == "youtube:c1");
        batch.Flags.ShouldContain(f => f.Source == "model:toxicity" && f.TargetId == "youtube:c2");
        var summary = provider.GetRequiredService<LanguageTally>().Format();
        summary.ShouldContain("sentiment: ");
        summary.ShouldContain("toxicity: ");
        summary.ShouldContain($"flags: {batch.Flags.Count} on {batch.Flags.Select(f => f.TargetId).Distinct().Count()} items and comments");
    }

    [Fact]
    public void AddLanguage_WithoutTally_KeepsNothingPerTarget()
    {
        // The tally remembers every target it counts: a worker or an import that registered it grew with every item.
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(Now)).AddLanguage(RepositoryOptions()).BuildServiceProvider();

        provider.GetService<LanguageTally>().ShouldBeNull();
        provider.GetServices<IContentEnricher>().Select(e => e.GetType().Name).ShouldBe(["ClassifierEnricher", "WatchlistEnricher"]);
    }

    [Fact]
    public void AddLanguage_BadOptions_EveryProblemInOneError()
    {
        var options = RepositoryOptions() with { SentimentModel = "absent.bin", NegativeThreshold = 1.5, ToxicThreshold = 0 };

        var error = Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddLanguage(options));

        error.Message.ShouldContain("negativeThreshold");
        error.Message.ShouldContain("toxicThreshold");
        error.Message.ShouldContain("absent.bin");
    }
}
