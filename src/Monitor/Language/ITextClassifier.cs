namespace Monitor.Language;

/// <summary>A classifier's answer: the winning label and its calibrated probability.</summary>
public readonly record struct TextPrediction(string Label, float Probability);

/// <summary>
/// The one seam between the pipeline and a text model (sentiment, toxicity): the enrichers depend
/// on this, so a different model kind can replace ours without touching them.
/// </summary>
public interface ITextClassifier
{
    string Task { get; }

    /// <summary>Names exactly which model produced a score; stored with every assessment.</summary>
    string ModelVersion { get; }

    IReadOnlyList<string> Labels { get; }

    /// <summary>Never throws on content: empty or odd text gets the model's answer for no evidence.</summary>
    TextPrediction Classify(ReadOnlySpan<char> text);

    /// <summary>Index into <see cref="Labels"/> of the winner; <paramref name="probabilities"/> (one per label) receives the calibrated distribution.</summary>
    int Classify(ReadOnlySpan<char> text, Span<float> probabilities);
}

/// <summary>One word's share of a class score (see <see cref="IExplainingClassifier"/>).</summary>
public readonly record struct WordContribution(string Word, float Contribution);

/// <summary>A classifier that can say which words carried a decision: a flag's evidence shows them to the reviewer.</summary>
public interface IExplainingClassifier
{
    /// <summary>Up to <paramref name="max"/> words with the largest positive contribution to <paramref name="label"/> (an index into the labels), largest first.</summary>
    IReadOnlyList<WordContribution> Explain(string text, int label, int max);
}
