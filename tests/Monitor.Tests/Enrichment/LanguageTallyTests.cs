using Monitor.Domain;
using Monitor.Enrichment;
using static Monitor.Tests.Enrichment.EnrichmentTestData;

namespace Monitor.Tests.Enrichment;

public sealed class LanguageTallyTests
{
    [Fact]
    public void Enrich_SameTargetsSeenAgain_CountedOnce()
    {
        var flag = new Flag("youtube:c1", TargetKind.Comment, "model:toxicity", "high", "toxicity: P = 0.9", 0.9, [], Now);
        var batch = Batch([], [Comment("youtube:c1", "youtube:v1", "quá tệ")]) with
        {
            Assessments = [new Assessment("youtube:c1", TargetKind.Comment, "toxicity", "HATE", 0.9, "toxicity-1")],
            Flags = [flag],
        };
        var tally = new LanguageTally();

        tally.Enrich(batch);
        tally.Enrich(batch);

        tally.Labels[("toxicity", "HATE")].ShouldBe(1);
        tally.Flags["model:toxicity"].ShouldBe(1);
    }

    [Fact]
    public void Format_ModelFlags_ShowFirstFewWithTheirWords()
    {
        var flags = Enumerable.Range(1, LanguageTally.ExamplesPerSource + 1)
            .Select(i => new Flag($"youtube:c{i}", TargetKind.Comment, "model:toxicity", "high", $"toxicity {i}", 0.93, ["model toxicity-1", "words: ngu (+0.41), im (+0.20)"], Now))
            .Append(new Flag("web:1", TargetKind.Item, "watchlist:thien-tai", "low", "lũ", null, ["lũ"], Now))
            .ToList();
        var tally = new LanguageTally();

        tally.Enrich(Batch([], []) with { Flags = flags });
        var text = tally.Format();

        text.ShouldContain("  model:toxicity youtube:c1 (0.93) words: ngu (+0.41), im (+0.20)");
        text.ShouldContain($"youtube:c{LanguageTally.ExamplesPerSource} ");
        text.ShouldNotContain($"youtube:c{LanguageTally.ExamplesPerSource + 1} ");
        text.ShouldNotContain("  watchlist:");
    }
}
