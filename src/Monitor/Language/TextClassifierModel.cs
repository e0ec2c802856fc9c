using System.Runtime.CompilerServices;
using Monitor.Language.Features;
using Monitor.Language.Learning;

namespace Monitor.Language;

/// <summary>
/// A trained linear text classifier: feature settings, label set, idf per hashed feature, one
/// weight vector per class and the calibration temperature. Immutable; read with
/// <see cref="ModelFile.Load(string)"/>, made by <see cref="ModelTrainer"/>.
/// </summary>
public sealed class TextClassifierModel
{
    internal TextClassifierModel(
        string task,
        IReadOnlyList<string> labels,
        FeatureSettings features,
        float[] idf,
        float[] weights,
        float[] bias,
        float temperature,
        ModelMetadata metadata,
        string version)
    {
        Task = task;
        Labels = labels;
        Features = features;
        Idf = idf;
        Weights = weights;
        Bias = bias;
        Temperature = temperature;
        Metadata = metadata;
        Version = version;
        Extractor = new FeatureExtractor(features, VietnameseNormalizer.Default);
    }

    /// <summary>
    /// Built at the first prediction: models made during training are only scored through
    /// <see cref="Score"/> and never need it. Two threads racing here build equal tables.
    /// </summary>
    private CompactWeightTable? table;

    /// <summary>Builds the prediction table now (a classifier does so up front, keeping it out of its first prediction).</summary>
    internal CompactWeightTable PrepareForPrediction() => table ??= new CompactWeightTable(Idf, Weights, Labels.Count);

    /// <summary>
    /// 1 + ln(tf) for the small counts nearly every feature has, computed once with the same
    /// float arithmetic as the fallback, so the weights are bit-for-bit the same without a log per feature.
    /// </summary>
    private static readonly float[] SublinearTable = BuildSublinearTable(64);

    public string Task { get; }

    public IReadOnlyList<string> Labels { get; }

    public FeatureSettings Features { get; }

    public float Temperature { get; }

    public ModelMetadata Metadata { get; }

    /// <summary>Task plus a hash of the weights, e.g. <c>sentiment-3f2a9c01b7de</c>: names exactly which model scored something.</summary>
    public string Version { get; }

    internal float[] Idf { get; }

    /// <summary>Laid out [feature × classes + class] so one feature's class weights sit together in memory.</summary>
    internal float[] Weights { get; }

    internal float[] Bias { get; }

    internal FeatureExtractor Extractor { get; }

    /// <summary>Class index of the best-scoring label; <paramref name="probabilities"/> (one per label) receives the calibrated distribution.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int Predict(ReadOnlySpan<char> text, FeatureScratch scratch, Span<float> probabilities)
    {
        Extractor.ExtractCounts(text, scratch);
        var classes = Labels.Count;
        Span<float> scores = stackalloc float[classes];
        Span<float> view = stackalloc float[classes];
        Bias.CopyTo(scores);
        var weightTable = PrepareForPrediction();
        var ids = scratch.Ids;
        var values = scratch.Values;

        // Counts become sublinear term frequencies in place (a call to Log for the rare large count
        // stays out of the scoring loop, whose registers it would otherwise spill).
        var sublinear = SublinearTable;
        foreach (ref var value in values.AsSpan(0, scratch.Count))
        {
            value = value < sublinear.Length ? sublinear[(int)value] : 1f + MathF.Log(value);
        }

        var start = 0;
        foreach (var end in scratch.ViewEnds)
        {
            // Weighting and scoring fused: sum the unnormalised products, divide by the view's norm once.
            var squares = weightTable.Accumulate(ids.AsSpan(start, end - start), values.AsSpan(start, end - start), view);
            if (squares > 0)
            {
                var scale = 1f / MathF.Sqrt(squares);
                for (var k = 0; k < classes; k++)
                {
                    scores[k] += view[k] * scale;
                }
            }

            start = end;
        }

        TemperatureScaling.Softmax(scores, Temperature, probabilities);
        return ArgMax(scores);
    }

    /// <summary>
    /// The words that carried the decision for class <paramref name="label"/>: each feature's share of the
    /// class score (its tf-idf value, normalised in its view, times the class weight) credited to the tokens
    /// it came from (an n-gram shares it among its words; character n-grams go to their word; the question
    /// marker is <see cref="QuestionMarker"/>), summed per word, the <paramref name="max"/> largest positive
    /// ones first. For reviewers, not the hot path: it allocates.
    /// </summary>
    public IReadOnlyList<WordContribution> Explain(string text, int label, int max) => Explain(text, label, max, new FeatureScratch(Features));

    /// <summary>
    /// <see cref="Explain(string, int, int)"/> in a caller's scratch space: a fresh one is tens of kilobytes
    /// to allocate and clear, for every flagged comment of an import.
    /// </summary>
    internal IReadOnlyList<WordContribution> Explain(string text, int label, int max, FeatureScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, Labels.Count);
        Extractor.ExtractCounts(text, scratch);
        FeatureWeighting.Apply(scratch, Idf);
        var values = new Dictionary<(int View, int Id), float>();
        var start = 0;
        for (var view = 0; view < scratch.ViewEnds.Length; view++)
        {
            for (var i = start; i < scratch.ViewEnds[view]; i++)
            {
                values[(view, scratch.Ids[i])] = scratch.Values[i];
            }

            start = scratch.ViewEnds[view];
        }

        var occurrences = new List<FeatureOccurrence>();
        Extractor.Occurrences(text, scratch, occurrences);
        var counts = new Dictionary<(int View, int Id), int>();
        foreach (var o in occurrences)
        {
            counts[(o.View, o.Id)] = counts.GetValueOrDefault((o.View, o.Id)) + 1;
        }

        var buffer = scratch.Tokens;
        var tokens = buffer.Tokens;
        var perToken = new double[tokens.Length + 1];
        var classes = Labels.Count;
        foreach (var o in occurrences)
        {
            if (!values.TryGetValue((o.View, o.Id), out var value) || value == 0)
            {
                continue;
            }

            var share = (double)value * Weights[((long)o.Id * classes) + label] / counts[(o.View, o.Id)];
            if (o.FirstToken < 0)
            {
                perToken[tokens.Length] += share;
                continue;
            }

            for (var t = o.FirstToken; t < o.FirstToken + o.TokenCount; t++)
            {
                perToken[t] += share / o.TokenCount;
            }
        }

        // The same word twice is one piece of evidence; punctuation is no word to show a reviewer (a "?" speaks through the question marker).
        var byWord = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var t = 0; t < tokens.Length; t++)
        {
            if (tokens[t].Kind == TokenKind.Symbol)
            {
                continue;
            }

            var word = buffer.TextOf(tokens[t]).ToString();
            byWord[word] = byWord.GetValueOrDefault(word) + perToken[t];
        }

        if (perToken[tokens.Length] != 0)
        {
            byWord[QuestionMarker] = perToken[tokens.Length];
        }

        return [.. byWord.Where(p => p.Value > 0).OrderByDescending(p => p.Value).Take(max).Select(p => new WordContribution(p.Key, (float)p.Value))];
    }

    /// <summary>How <see cref="Explain(string, int, int)"/> names the question cue's share.</summary>
    public const string QuestionMarker = "[câu hỏi]";

    internal void Score(ReadOnlySpan<int> ids, ReadOnlySpan<float> values, Span<float> scores)
    {
        var classes = Labels.Count;
        Bias.CopyTo(scores);
        var weights = Weights.AsSpan();
        for (var i = 0; i < ids.Length; i++)
        {
            var v = values[i];
            if (v == 0)
            {
                continue;
            }

            var row = weights.Slice(ids[i] * classes, classes);
            for (var k = 0; k < classes; k++)
            {
                scores[k] += v * row[k];
            }
        }
    }

    private static float[] BuildSublinearTable(int size)
    {
        var table = new float[size];
        for (var count = 1; count < size; count++)
        {
            table[count] = 1f + MathF.Log(count);
        }

        return table;
    }

    internal static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }
}
