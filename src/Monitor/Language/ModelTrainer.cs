using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Monitor.Language.Features;
using Monitor.Language.Learning;

namespace Monitor.Language;

/// <summary>Everything that shapes a model besides its data.</summary>
// NbAlpha: NB-SVM smoothing; 0 turns the log-count-ratio feature scaling off.
// OffsetFolds: k for the k-fold fit of per-class decision offsets (macro-F1); 0 turns it off.
public sealed record TrainingOptions(string Task, FeatureSettings Features, double C = 0.2, int Seed = 1, bool BalancedClassWeights = true, double NbAlpha = 0, int OffsetFolds = 0);

/// <summary>A trained model plus what it scored on the development set (if one was given) and how long it took.</summary>
public sealed record TrainingResult(TextClassifierModel Model, ClassificationReport? Dev, TimeSpan Vectorising, TimeSpan Fitting);

/// <summary>
/// Trains a <see cref="TextClassifierModel"/>: hashed TF-IDF features, a one-vs-rest linear SVM
/// (dual coordinate descent), class weights balanced for skewed sets, and a temperature fitted on
/// held-out data for calibrated probabilities (the dev set when given, else a seeded 10% of train).
/// </summary>
public static class ModelTrainer
{
    public static TrainingResult Train(
        IReadOnlyList<LabelledText> train,
        IReadOnlyList<LabelledText>? dev,
        TrainingOptions options,
        TimeProvider clock,
        string trainFile = "",
        string devFile = "",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = options.Features.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid feature settings: " + string.Join("; ", errors), nameof(options));
        }

        if (options.C <= 0 || double.IsNaN(options.C))
        {
            throw new ArgumentException($"C must be positive (got {options.C}).", nameof(options));
        }

        var labels = train.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException($"Training needs at least two labels; the training data has {labels.Length}.", nameof(train));
        }

        var labelIndex = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var y = train.Select(e => labelIndex[e.Label]).ToArray();
        var extractor = new FeatureExtractor(options.Features, VietnameseNormalizer.Default);
        var scratch = new FeatureScratch(options.Features);

        var stopwatch = Stopwatch.StartNew();
        var idf = ComputeIdf(train, extractor, scratch, cancellationToken);
        var rows = Vectorise(train, extractor, scratch, idf, cancellationToken);
        var vectorising = stopwatch.Elapsed;

        stopwatch.Restart();
        var exampleWeights = train.Any(e => e.Weight != 1) ? train.Select(e => e.Weight).ToArray() : null;
        var classWeights = ClassWeights(y, exampleWeights, labels.Length, options.BalancedClassWeights);
        var svm = new LinearSvmTrainer.Options(options.C, Seed: options.Seed);
        var scales = options.NbAlpha > 0 ? LogCountRatios(rows, y, labels.Length, options.Features.Dimensions, options.NbAlpha) : null;
        var (weights, bias) = LinearSvmTrainer.Train(rows, y, labels.Length, options.Features.Dimensions, classWeights, svm, scales, exampleWeights, cancellationToken);

        if (options.OffsetFolds > 1)
        {
            var offsets = DecisionOffsets.Fit(rows, y, labels.Length, options.Features.Dimensions, classWeights, svm, options.OffsetFolds, cancellationToken);
            for (var k = 0; k < labels.Length; k++)
            {
                bias[k] += offsets[k];
            }
        }

        var devExamples = dev?.Where(e => labelIndex.ContainsKey(e.Label)).ToList();
        float temperature;
        string calibration;
        if (devExamples is { Count: > 0 })
        {
            var raw = Build(options, labels, idf, weights, bias, 1f, trainFile, train.Count, "none");
            temperature = FitTemperature(raw, devExamples, labelIndex, scratch);
            calibration = $"temperature {temperature:G4} fitted on dev ({devExamples.Count} documents)";
        }
        else
        {
            (temperature, calibration) = CalibrateOnHoldout(rows, y, exampleWeights, labels, options, idf, classWeights, svm, cancellationToken);
        }

        var fitting = stopwatch.Elapsed;
        var unsealed = Build(options, labels, idf, weights, bias, temperature, trainFile, train.Count, calibration);

        // Round-trip through the file format so the model in memory is bit-for-bit the one a file load gives.
        var model = ModelFile.Deserialize(ModelFile.Serialize(unsealed));
        ClassificationReport? report = null;
        if (devExamples is { Count: > 0 })
        {
            report = Evaluate(model, devExamples);
            var metadata = model.Metadata with { DevFile = devFile.Length == 0 ? null : Path.GetFileName(devFile), DevMacroF1 = report.MacroF1, DevAccuracy = report.Accuracy };
            model = ModelFile.Deserialize(ModelFile.Serialize(new TextClassifierModel(
                model.Task, model.Labels, model.Features, model.Idf, model.Weights, model.Bias, model.Temperature, metadata, model.Version)));
        }

        return new TrainingResult(model, report, vectorising, fitting);

        TextClassifierModel Build(TrainingOptions o, string[] l, float[] i, float[] w, float[] b, float t, string file, int documents, string how) =>
            new(o.Task, l, o.Features, i, w, b, t,
                new ModelMetadata(clock.GetUtcNow(), Path.GetFileName(file), Fingerprint(train), documents, o.C, o.Seed, null, null, null, how),
                string.Empty);
    }

    /// <summary>Scores <paramref name="examples"/>; labels the model does not know must be filtered out by the caller.</summary>
    public static ClassificationReport Evaluate(TextClassifierModel model, IEnumerable<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        var report = new ClassificationReport(model.Labels);
        var index = model.Labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var scratch = new FeatureScratch(model.Features);
        Span<float> probabilities = stackalloc float[model.Labels.Count];
        foreach (var example in examples)
        {
            if (index.TryGetValue(example.Label, out var gold))
            {
                report.Add(gold, model.Predict(example.Text, scratch, probabilities));
            }
        }

        return report;
    }

    private static float[] ComputeIdf(IReadOnlyList<LabelledText> documents, FeatureExtractor extractor, FeatureScratch scratch, CancellationToken cancellationToken)
    {
        var df = new int[extractor.Settings.Dimensions];
        var lastSeen = new int[df.Length];
        Array.Fill(lastSeen, -1);
        for (var d = 0; d < documents.Count; d++)
        {
            if ((d & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            extractor.ExtractCounts(documents[d].Text, scratch);
            foreach (var id in scratch.Ids.AsSpan(0, scratch.Count))
            {
                // A feature hashed into two views of one document still counts once for document frequency.
                if (lastSeen[id] != d)
                {
                    lastSeen[id] = d;
                    df[id]++;
                }
            }
        }

        var idf = new float[df.Length];
        for (var id = 0; id < df.Length; id++)
        {
            idf[id] = FeatureWeighting.Idf(documents.Count, df[id]);
        }

        return idf;
    }

    private static SparseRows Vectorise(IReadOnlyList<LabelledText> documents, FeatureExtractor extractor, FeatureScratch scratch, float[] idf, CancellationToken cancellationToken)
    {
        var rows = new SparseRows();
        for (var d = 0; d < documents.Count; d++)
        {
            if ((d & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            extractor.ExtractCounts(documents[d].Text, scratch);
            FeatureWeighting.Apply(scratch, idf);
            rows.AddRow(scratch.Ids.AsSpan(0, scratch.Count), scratch.Values.AsSpan(0, scratch.Count));
        }

        return rows;
    }

    private static double[] ClassWeights(int[] y, double[]? exampleWeights, int classes, bool balanced)
    {
        var weights = new double[classes];
        var counts = new double[classes];
        for (var i = 0; i < y.Length; i++)
        {
            counts[y[i]] += exampleWeights?[i] ?? 1.0;
        }

        var total = counts.Sum();
        for (var k = 0; k < classes; k++)
        {
            // scikit-learn's class_weight="balanced": n / (classes × n_k), with n counted in example weights.
            weights[k] = balanced && counts[k] > 0 ? total / (classes * counts[k]) : 1.0;
        }

        return weights;
    }

    private static float FitTemperature(TextClassifierModel model, List<LabelledText> heldOut, Dictionary<string, int> labelIndex, FeatureScratch scratch)
    {
        var scores = new List<float[]>(heldOut.Count);
        var gold = new List<int>(heldOut.Count);
        foreach (var example in heldOut)
        {
            model.Extractor.ExtractCounts(example.Text, scratch);
            FeatureWeighting.Apply(scratch, model.Idf);
            var row = new float[model.Labels.Count];
            model.Score(scratch.Ids.AsSpan(0, scratch.Count), scratch.Values.AsSpan(0, scratch.Count), row);
            scores.Add(row);
            gold.Add(labelIndex[example.Label]);
        }

        return TemperatureScaling.Fit(scores, gold);
    }

    private static (float Temperature, string Description) CalibrateOnHoldout(
        SparseRows rows, int[] y, double[]? exampleWeights, string[] labels, TrainingOptions options, float[] idf, double[] classWeights, LinearSvmTrainer.Options svm, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var heldOut = new bool[rows.Rows];
        var fit = new SparseRows();
        var fitLabels = new List<int>();
        var fitWeights = new List<double>();
        for (var i = 0; i < rows.Rows; i++)
        {
            heldOut[i] = random.NextDouble() < 0.1;
            if (!heldOut[i])
            {
                fit.AddRow(rows.Ids(i), rows.Values(i));
                fitLabels.Add(y[i]);
                fitWeights.Add(exampleWeights?[i] ?? 1.0);
            }
        }

        var scales = options.NbAlpha > 0 ? LogCountRatios(fit, [.. fitLabels], labels.Length, options.Features.Dimensions, options.NbAlpha) : null;
        var (weights, bias) = LinearSvmTrainer.Train(fit, [.. fitLabels], labels.Length, options.Features.Dimensions, classWeights, svm, scales, exampleWeights is null ? null : [.. fitWeights], cancellationToken);
        var model = new TextClassifierModel(options.Task, labels, options.Features, idf, weights, bias, 1f,
            new ModelMetadata(default, string.Empty, string.Empty, 0, options.C, options.Seed, null, null, null, "none"), string.Empty);
        var scores = new List<float[]>();
        var gold = new List<int>();
        for (var i = 0; i < rows.Rows; i++)
        {
            if (heldOut[i])
            {
                var row = new float[labels.Length];
                model.Score(rows.Ids(i), rows.Values(i), row);
                scores.Add(row);
                gold.Add(y[i]);
            }
        }

        var temperature = TemperatureScaling.Fit(scores, gold);
        return (temperature, $"temperature {temperature:G4} fitted on a seeded 10% hold-out of train ({scores.Count} documents)");
    }

    /// <summary>
    /// Per class k, r = log((p / |p|₁) / (q / |q|₁)) with p = α + Σ x over class k and q = α + Σ x
    /// over the rest: how much more a feature belongs to k than to the others (Wang &amp; Manning 2012).
    /// </summary>
    private static float[][] LogCountRatios(SparseRows rows, int[] y, int classes, int dimensions, double alpha)
    {
        var perClass = new double[classes][];
        for (var k = 0; k < classes; k++)
        {
            perClass[k] = new double[dimensions];
        }

        var total = new double[dimensions];
        for (var i = 0; i < rows.Rows; i++)
        {
            var ids = rows.Ids(i);
            var values = rows.Values(i);
            for (var j = 0; j < ids.Length; j++)
            {
                perClass[y[i]][ids[j]] += values[j];
                total[ids[j]] += values[j];
            }
        }

        var grand = total.Sum();
        var ratios = new float[classes][];
        for (var k = 0; k < classes; k++)
        {
            var p = perClass[k];
            var pSum = p.Sum() + (alpha * dimensions);
            var qSum = grand - p.Sum() + (alpha * dimensions);
            var r = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                r[d] = (float)Math.Log((p[d] + alpha) / pSum / ((total[d] - p[d] + alpha) / qSum));
            }

            ratios[k] = r;
        }

        return ratios;
    }

    private static string Fingerprint(IReadOnlyList<LabelledText> documents)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var document in documents)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(document.Label));
            sha.AppendData("\t"u8);
            sha.AppendData(Encoding.UTF8.GetBytes(document.Text));
            if (document.Weight != 1)
            {
                // Weighted data is other data; unweighted sets keep the fingerprints they had.
                sha.AppendData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\t{document.Weight:R}")));
            }

            sha.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
