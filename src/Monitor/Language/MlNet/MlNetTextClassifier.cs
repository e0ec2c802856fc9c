using Microsoft.ML;
using Microsoft.ML.Data;

namespace Monitor.Language.MlNet;

/// <summary>What the worker gives an ML.NET model: the text, and an empty label for zips whose chain maps a Label column to a key.</summary>
internal sealed class ScoringInput
{
    public string Text { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;
}

/// <summary>What it reads back: one score per label.</summary>
internal sealed class ScoringOutput
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}

/// <summary>
/// <see cref="ITextClassifier"/> over an ML.NET model. Thread-safe: ML.NET's prediction engine is
/// not, so each thread gets its own. Maximum-entropy models give probabilities already; scores that
/// are not a distribution (other trainers) go through a softmax so thresholds keep their meaning.
/// </summary>
public sealed class MlNetTextClassifier : ITextClassifier, IDisposable
{
    private readonly ThreadLocal<Engine> engines;

    internal MlNetTextClassifier(MLContext ml, ITransformer model, string task, string version, IReadOnlyList<string> labels, byte[] modelBytes)
    {
        Model = model;
        Task = task;
        ModelVersion = version;
        Labels = labels;
        ModelBytes = modelBytes;
        engines = new ThreadLocal<Engine>(() => new Engine(ml.Model.CreatePredictionEngine<ScoringInput, ScoringOutput>(model)), trackAllValues: true);
    }

    public string Task { get; }

    public string ModelVersion { get; }

    public IReadOnlyList<string> Labels { get; }

    internal ITransformer Model { get; }

    /// <summary>The zip as written (and hashed into <see cref="ModelVersion"/>).</summary>
    internal byte[] ModelBytes { get; }

    public TextPrediction Classify(ReadOnlySpan<char> text)
    {
        Span<float> probabilities = Labels.Count <= 32 ? stackalloc float[Labels.Count] : new float[Labels.Count];
        var best = Classify(text, probabilities);
        return new TextPrediction(Labels[best], probabilities[best]);
    }

    public int Classify(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        var engine = engines.Value!;
        engine.Input.Text = text.ToString();
        engine.Predictor.Predict(engine.Input, ref engine.Output);
        var scores = engine.Output.Score.AsSpan(0, Labels.Count);
        scores.CopyTo(probabilities);
        if (!IsDistribution(probabilities))
        {
            Softmax(probabilities);
        }

        return TextClassifierModel.ArgMax(probabilities);
    }

    public void Dispose()
    {
        foreach (var engine in engines.Values)
        {
            engine.Predictor.Dispose();
        }

        engines.Dispose();
    }

    private static bool IsDistribution(ReadOnlySpan<float> scores)
    {
        var sum = 0f;
        foreach (var s in scores)
        {
            if (!(s >= 0f && s <= 1f))
            {
                return false;
            }

            sum += s;
        }

        return MathF.Abs(sum - 1f) < 1e-3f;
    }

    private static void Softmax(Span<float> scores)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores)
        {
            max = float.IsNaN(s) ? max : MathF.Max(max, s);
        }

        var sum = 0f;
        foreach (ref var s in scores)
        {
            s = float.IsNaN(s) ? 0f : MathF.Exp(s - max);
            sum += s;
        }

        foreach (ref var s in scores)
        {
            s = sum > 0 ? s / sum : 1f / scores.Length;
        }
    }

    private sealed class Engine(PredictionEngine<ScoringInput, ScoringOutput> predictor)
    {
        public PredictionEngine<ScoringInput, ScoringOutput> Predictor { get; } = predictor;

        public ScoringInput Input { get; } = new();

#pragma warning disable CA1051 // PredictionEngine.Predict fills the output by ref: it must be a field.
        public ScoringOutput Output = new();
#pragma warning restore CA1051
    }
}
