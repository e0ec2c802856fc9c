using System.Globalization;
using Monitor.Domain;
using Monitor.Language;
using Monitor.Pipeline;

namespace Monitor.Enrichment;

/// <summary>
/// A model threshold: when the summed probability of <see cref="Labels"/> reaches <see cref="Threshold"/>, raise a flag,
/// unless the outcome is uncertain: the model's winning label is not one of <see cref="Labels"/>, or its
/// calibrated probability is below <see cref="MinConfidence"/>. An uncertain outcome raises no flag.
/// </summary>
public sealed record ModelFlagRule(IReadOnlySet<string> Labels, double Threshold, string Severity, double MinConfidence = 0);

/// <summary>
/// Gives every item (title + body) and comment one <see cref="Assessment"/> per classifier (label,
/// probability, model version), and a model <see cref="Flag"/> with the score as evidence when a
/// classifier's rule threshold is reached on a comment (negative sentiment, toxic comment).
/// </summary>
/// <remarks>
/// Model flags are raised on comments only. The shipped models learnt from student feedback
/// (UIT-VSFC) and social-media comments (ViHSD); on news articles they are out of their domain:
/// on the demo's 267 replayed articles the sentiment model called 228 titles negative and the
/// toxicity model called 153 article texts HATE. Flagging those would bury a reviewer, so items
/// keep their assessments (visible, with the model version) and are flagged by watch-lists.
/// </remarks>
internal sealed class ClassifierEnricher : IContentEnricher
{
    /// <summary>How many words a flag's evidence names (those that contributed most to the winning label).</summary>
    public const int EvidenceWords = 5;

    /// <summary>Starts the evidence line that names the words, e.g. <c>words: ngu (+0.61), im (+0.20)</c>.</summary>
    public const string WordsPrefix = "words: ";

    private readonly IReadOnlyList<(ITextClassifier Classifier, ModelFlagRule? Rule)> classifiers;
    private readonly TimeProvider clock;

    public ClassifierEnricher(IReadOnlyList<(ITextClassifier Classifier, ModelFlagRule? Rule)> classifiers, TimeProvider clock)
    {
        this.classifiers = classifiers;
        this.clock = clock;
    }

    public ContentBatch Enrich(ContentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var assessments = new List<Assessment>(batch.Assessments);
        var flags = new List<Flag>(batch.Flags);
        var now = clock.GetUtcNow();
        foreach (var item in batch.Items)
        {
            var text = string.IsNullOrEmpty(item.Body) ? item.Title : string.Concat(item.Title, "\n", item.Body);
            Assess(item.Id, TargetKind.Item, text, assessments, flags, now);
        }

        foreach (var comment in batch.Comments)
        {
            Assess(comment.Id, TargetKind.Comment, comment.Text, assessments, flags, now);
        }

        return batch with { Assessments = assessments, Flags = flags };
    }

    private void Assess(string id, TargetKind kind, string text, List<Assessment> assessments, List<Flag> flags, DateTimeOffset now)
    {
        Span<float> buffer = stackalloc float[32];
        foreach (var (classifier, rule) in classifiers)
        {
            var probabilities = classifier.Labels.Count <= buffer.Length ? buffer[..classifier.Labels.Count] : new float[classifier.Labels.Count];
            var best = classifier.Classify(text, probabilities);
            assessments.Add(new Assessment(id, kind, classifier.Task, classifier.Labels[best], probabilities[best], classifier.ModelVersion));
            if (rule is null || kind != TargetKind.Comment)
            {
                continue;
            }

            var score = 0.0;
            var evidence = new List<string> { $"model {classifier.ModelVersion}" };
            for (var k = 0; k < probabilities.Length; k++)
            {
                if (rule.Labels.Contains(classifier.Labels[k]))
                {
                    score += probabilities[k];
                    evidence.Add(string.Create(CultureInfo.InvariantCulture, $"P({classifier.Labels[k]}) = {probabilities[k]:F3}"));
                }
            }

            var certain = rule.Labels.Contains(classifier.Labels[best]) && probabilities[best] >= rule.MinConfidence;
            if (score >= rule.Threshold && certain)
            {
                if (classifier is IExplainingClassifier explaining && explaining.Explain(text, best, EvidenceWords) is { Count: > 0 } words)
                {
                    evidence.Add(WordsPrefix + string.Join(", ", words.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Word} (+{w.Contribution:F2})"))));
                }

                var reason = string.Create(CultureInfo.InvariantCulture,
                    $"{classifier.Task}: P({string.Join(" + ", rule.Labels)}) = {score:F3} ≥ {rule.Threshold:F2}");
                flags.Add(new Flag(id, kind, $"model:{classifier.Task}", rule.Severity, reason, score, evidence, now));
            }
        }
    }
}
