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
}
