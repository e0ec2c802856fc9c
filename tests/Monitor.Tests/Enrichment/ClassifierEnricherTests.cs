using Microsoft.Extensions.Time.Testing;
using Monitor.Domain;
using Monitor.Enrichment;
using Monitor.Language;
using Monitor.Tests.Language;
using static Monitor.Tests.Enrichment.EnrichmentTestData;

namespace Monitor.Tests.Enrichment;

public sealed class ClassifierEnricherTests
{
    private static readonly LinearTextClassifier Sentiment = new(TinyCorpus.Train());

    private static ClassifierEnricher Enricher(double threshold) =>
        new([(Sentiment, new ModelFlagRule(new HashSet<string>(["negative"]), threshold, "medium"))], new FakeTimeProvider(Now));

    [Fact]
    public void Enrich_ItemsAndComments_OneAssessmentEachWithModelVersion()
    {
        var batch = Batch([Item("web:1", "Phóng sự tuyệt vời", "cảm ơn đài"), Item("web:2", "Tin thời tiết", null)],
            [Comment("youtube:c1", "web:1", "quá tệ, thất vọng")]);

        var enriched = Enricher(threshold: 1.01).Enrich(batch);

        enriched.Assessments.Select(a => (a.TargetId, a.TargetKind, a.Task)).ShouldBe(
            [("web:1", TargetKind.Item, "sentiment"), ("web:2", TargetKind.Item, "sentiment"), ("youtube:c1", TargetKind.Comment, "sentiment")]);
        enriched.Assessments.ShouldAllBe(a => a.ModelVersion == Sentiment.ModelVersion);
        enriched.Assessments[0].Label.ShouldBe("positive");
        enriched.Assessments[2].Label.ShouldBe("negative");
        enriched.Flags.ShouldBeEmpty();
    }

    [Fact]
    public void Enrich_NegativeOverThreshold_FlagWithModelAndScore()
    {
        var batch = Batch([], [Comment("youtube:c1", "web:1", "quá tệ, thất vọng, dở tệ"), Comment("youtube:c2", "web:1", "tuyệt vời")]);

        var enriched = Enricher(threshold: 0.5).Enrich(batch);

        var flag = enriched.Flags.ShouldHaveSingleItem();
        flag.TargetId.ShouldBe("youtube:c1");
        flag.Source.ShouldBe("model:sentiment");
        flag.Score!.Value.ShouldBeGreaterThanOrEqualTo(0.5);
        flag.Evidence.ShouldContain($"model {Sentiment.ModelVersion}");
        flag.RaisedAt.ShouldBe(Now);
    }

    [Fact]
    public void Enrich_NegativeItemOverThreshold_AssessedButNotFlagged()
    {
        var batch = Batch([Item("web:1", "quá tệ, thất vọng, dở tệ", null)], [Comment("youtube:c1", "web:1", "quá tệ, thất vọng, dở tệ")]);

        var enriched = Enricher(threshold: 0.5).Enrich(batch);

        enriched.Assessments.ShouldContain(a => a.TargetId == "web:1" && a.Label == "negative");
        enriched.Flags.ShouldHaveSingleItem().TargetId.ShouldBe("youtube:c1");
    }

    [Fact]
    public void Enrich_KeepsWhatEarlierStagesAdded()
    {
        var earlier = new Flag("web:0", TargetKind.Item, "watchlist:x", "low", "earlier", null, [], Now);
        var batch = Batch([Item("web:1", "hay", null)], []) with { Flags = [earlier] };

        Enricher(threshold: 1.01).Enrich(batch).Flags.ShouldBe([earlier]);
    }
}
