using Monitor.Language.Learning;

namespace Monitor.Language;

/// <summary>Scores any <see cref="ITextClassifier"/> on labelled examples, whichever engine made it.</summary>
public static class ClassifierEvaluation
{
    /// <summary>Examples whose label the classifier does not know are skipped (callers report them).</summary>
    public static ClassificationReport Evaluate(ITextClassifier classifier, IEnumerable<LabelledText> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(examples);
        var report = new ClassificationReport(classifier.Labels);
        var index = classifier.Labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var probabilities = new float[classifier.Labels.Count];
        var seen = 0;
        foreach (var example in examples)
        {
            if ((++seen & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (index.TryGetValue(example.Label, out var gold))
            {
                report.Add(gold, classifier.Classify(example.Text, probabilities));
            }
        }

        return report;
    }
}
