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
    public void Enrich_FlaggedComment_EvidenceNamesTheWordsThatCarriedIt()
    {
        var batch = Batch([], [Comment("youtube:c1", "web:1", "bản tin thất vọng thời sự")]);

        var flag = Enricher(threshold: 0.5).Enrich(batch).Flags.ShouldHaveSingleItem();

        var words = flag.Evidence.Where(e => e.StartsWith(ClassifierEnricher.WordsPrefix, StringComparison.Ordinal)).ShouldHaveSingleItem();
        // The cue words lead; the filler around them ("bản tin", "thời sự") carries nothing toward negative.
        var named = words[ClassifierEnricher.WordsPrefix.Length..].Split(", ").Select(w => w[..w.IndexOf(' ', StringComparison.Ordinal)]).ToArray();
        named[..2].Order(StringComparer.Ordinal).ShouldBe(["thất", "vọng"]);
    }

    [Fact]
    public void Enrich_WinnerBelowMinConfidence_UncertainNoFlag()
    {
        // P(OFFENSIVE) + P(HATE) = 0.85 reaches the threshold, but no toxic label wins with 0.5: the model is unsure which.
        var toxicity = new FixedClassifier(["CLEAN", "HATE", "OFFENSIVE"], [0.15f, 0.40f, 0.45f]);
        var rule = (double minConfidence) => new ClassifierEnricher(
            [(toxicity, new ModelFlagRule(new HashSet<string>(["OFFENSIVE", "HATE"]), 0.7, "high", minConfidence))], new FakeTimeProvider(Now));
        var batch = Batch([], [Comment("youtube:c1", "web:1", "bất kỳ")]);

        rule(0.5).Enrich(batch).Flags.ShouldBeEmpty();
        rule(0.4).Enrich(batch).Flags.ShouldHaveSingleItem().Score!.Value.ShouldBe(0.85, 1e-6);
    }

    [Fact]
    public void Enrich_WinnerNotAFlaggedLabel_NoFlagEvenOverThreshold()
    {
        // Summed over two labels, 0.6 + ... cannot happen with a 0.7 threshold, so lower it: the winner (CLEAN) still vetoes.
        var toxicity = new FixedClassifier(["CLEAN", "HATE", "OFFENSIVE"], [0.44f, 0.28f, 0.28f]);
        var enricher = new ClassifierEnricher(
            [(toxicity, new ModelFlagRule(new HashSet<string>(["OFFENSIVE", "HATE"]), 0.5, "high", 0))], new FakeTimeProvider(Now));

        enricher.Enrich(Batch([], [Comment("youtube:c1", "web:1", "bất kỳ")])).Flags.ShouldBeEmpty();
    }

    /// <summary>Answers every text with the same distribution: rules are tested apart from any model.</summary>
    private sealed class FixedClassifier(string[] labels, float[] probabilities) : ITextClassifier
    {
        public string Task => "toxicity";

        public string ModelVersion => "toxicity-fixed";

        public IReadOnlyList<string> Labels => labels;

        public TextPrediction Classify(ReadOnlySpan<char> text)
        {
            Span<float> p = stackalloc float[labels.Length];
            var best = Classify(text, p);
            return new TextPrediction(labels[best], p[best]);
        }

        public int Classify(ReadOnlySpan<char> text, Span<float> into)
        {
            probabilities.CopyTo(into);
            var best = 0;
            for (var k = 1; k < probabilities.Length; k++)
            {
                best = probabilities[k] > probabilities[best] ? k : best;
            }

            return best;
        }
    }

    [Fact]
    public void Enrich_KeepsWhatEarlierStagesAdded()
    {
        var earlier = new Flag("web:0", TargetKind.Item, "watchlist:x", "low", "earlier", null, [], Now);
        var batch = Batch([Item("web:1", "hay", null)], []) with { Flags = [earlier] };

        Enricher(threshold: 1.01).Enrich(batch).Flags.ShouldBe([earlier]);
    }
}
