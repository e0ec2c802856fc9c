using Monitor.Language.Features;

namespace Monitor.Language;

/// <summary>
/// <see cref="ITextClassifier"/> over a <see cref="TextClassifierModel"/>. Thread-safe: each thread
/// gets its own feature scratch space, so classifying allocates nothing per document.
/// </summary>
public sealed class LinearTextClassifier : ITextClassifier, IExplainingClassifier, IDisposable
{
    private readonly ThreadLocal<FeatureScratch> scratch;

    public LinearTextClassifier(TextClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        model.PrepareForPrediction();
        scratch = new ThreadLocal<FeatureScratch>(() => new FeatureScratch(model.Features));
    }

    public TextClassifierModel Model { get; }

    public string Task => Model.Task;

    public string ModelVersion => Model.Version;

    public IReadOnlyList<string> Labels => Model.Labels;

    public TextPrediction Classify(ReadOnlySpan<char> text)
    {
        Span<float> probabilities = stackalloc float[Model.Labels.Count];
        var best = Model.Predict(text, scratch.Value!, probabilities);
        return new TextPrediction(Model.Labels[best], probabilities[best]);
    }

    /// <summary>The full calibrated distribution, one probability per <see cref="Labels"/> entry.</summary>
    public int Classify(ReadOnlySpan<char> text, Span<float> probabilities) => Model.Predict(text, scratch.Value!, probabilities);

    public IReadOnlyList<WordContribution> Explain(string text, int label, int max) => Model.Explain(text, label, max, scratch.Value!);

    public void Dispose() => scratch.Dispose();
}
