using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;
using Monitor.Language.Learning;

namespace Monitor.Language.MlNet;

/// <summary>A trained ML.NET model, ready to classify and to save, with its dev report (when a dev set was given).</summary>
public sealed record MlNetTrainingResult(MlNetTextClassifier Classifier, ClassificationReport? Dev, TimeSpan Fitting);

/// <summary>
/// Trains an ML.NET text classifier: the project's Vietnamese normaliser (a custom mapping saved in
/// the model), word and character n-gram tf-idf features, and a multiclass maximum-entropy learner
/// with per-example weights that balance the classes. The saved zip takes a string column
/// <c>Text</c> and gives <c>PredictedLabel</c> and <c>Score</c>, like any ML.NET multiclass model.
/// </summary>
public static class MlNetTrainer
{
    internal const string FeaturesColumn = "Features";
    private const string WeightColumn = "Weight";

    public static MlNetTrainingResult Train(
        IReadOnlyList<LabelledText> train,
        IReadOnlyList<LabelledText>? dev,
        MlNetTrainingOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ML.NET settings: " + string.Join("; ", errors), nameof(options));
        }

        var labels = train.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException($"Training needs at least two labels; the training data has {labels.Length}.", nameof(train));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var stopwatch = Stopwatch.StartNew();
        var ml = MlNetModelFile.CreateContext(options.Seed);
        var rows = WeightedRows(train, options.BalancedClassWeights);
        var data = ml.Data.LoadFromEnumerable(rows);

        // The label becomes a key outside the saved chain, so the saved model needs no Label column to score.
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(data).Transform(data);
        var model = Pipeline(ml, options).Fit(keyed);
        var fitting = stopwatch.Elapsed;
        cancellationToken.ThrowIfCancellationRequested();

        var inputSchema = ml.Data.LoadFromEnumerable(Array.Empty<TextRow>()).Schema;
        var bytes = MlNetModelFile.Serialize(ml, model, inputSchema);

        // Reloaded from its bytes, so the classifier in hand is exactly the one a file load gives.
        var classifier = MlNetModelFile.Deserialize(bytes, options.Task, "trained model");
        ClassificationReport? report = null;
        var devExamples = dev?.Where(e => Array.IndexOf(labels, e.Label) >= 0).ToList();
        if (devExamples is { Count: > 0 })
        {
            report = ClassifierEvaluation.Evaluate(classifier, devExamples, cancellationToken);
        }

        return new MlNetTrainingResult(classifier, report, fitting);
    }

    private static EstimatorChain<KeyToValueMappingTransformer> Pipeline(MLContext ml, MlNetTrainingOptions options)
    {
        IEstimator<ITransformer> text = options.Normalize
            ? ml.Transforms.CustomMapping<TextRow, NormalizedRow>(VietnameseNormalizerMapping.Map, VietnameseNormalizerMapping.ContractName)
            : ml.Transforms.CopyColumns(nameof(NormalizedRow.NormalizedText), nameof(TextRow.Text));

        var wordsAndChars = options.AccentFreeWordNgrams > 0 ? "WordsAndChars" : FeaturesColumn;
        IEstimator<ITransformer> pipeline = text.Append(ml.Transforms.Text.FeaturizeText(wordsAndChars, Featurizer(options.WordNgrams, options.CharNgrams, options.Normalize), nameof(NormalizedRow.NormalizedText)));
        if (options.AccentFreeWordNgrams > 0)
        {
            pipeline = pipeline
                .Append(ml.Transforms.Text.FeaturizeText("AccentFree", Featurizer(options.AccentFreeWordNgrams, 0, options.Normalize), nameof(NormalizedRow.AccentFreeText)))
                .Append(ml.Transforms.Concatenate(FeaturesColumn, wordsAndChars, "AccentFree"));
        }

        return pipeline
            .AppendCacheCheckpoint(ml)
            .Append(Learner(ml, options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
    }

    private static TextFeaturizingEstimator.Options Featurizer(int words, int characters, bool normalised) => new()
    {
        // The normaliser already lower-cased, fixed tone marks and kept diacritics; ML.NET's own
        // defaults would strip the diacritics that carry Vietnamese meaning.
        CaseMode = normalised ? TextNormalizingEstimator.CaseMode.None : TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = true,
        KeepPunctuations = true,
        KeepNumbers = true,
        StopWordsRemoverOptions = null,
        WordFeatureExtractor = words > 0 ? new WordBagEstimator.Options { NgramLength = words, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf } : null,
        CharFeatureExtractor = characters > 0 ? new WordBagEstimator.Options { NgramLength = characters, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf } : null,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    // One thread: deterministic for a seed, and a fair comparison with the single-threaded peers.
    private static IEstimator<ITransformer> Learner(MLContext ml, MlNetTrainingOptions options) => options.Learner switch
    {
        MlNetLearner.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = FeaturesColumn,
            ExampleWeightColumnName = WeightColumn,
            L2Regularization = options.L2,
            MaximumNumberOfIterations = options.MaximumIterations,
            NumberOfThreads = 1,
        }),
        MlNetLearner.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = FeaturesColumn,
            ExampleWeightColumnName = WeightColumn,
            L2Regularization = options.L2 ?? 1f,
            MaximumNumberOfIterations = options.MaximumIterations ?? int.MaxValue,
            NumberOfThreads = 1,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Learner, "unknown ML.NET learner"),
    };

    /// <summary>
    /// scikit-learn's class_weight="balanced" as example weights, n / (classes × n_k) with n counted in
    /// example weights, times each example's own weight (an in-domain example weighs more).
    /// </summary>
    private static List<TrainingRow> WeightedRows(IReadOnlyList<LabelledText> train, bool balanced)
    {
        var counts = train.GroupBy(e => e.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Weight), StringComparer.Ordinal);
        var total = counts.Values.Sum();
        var rows = new List<TrainingRow>(train.Count);
        foreach (var example in train)
        {
            var weight = (float)((balanced ? total / (counts.Count * counts[example.Label]) : 1.0) * example.Weight);
            rows.Add(new TrainingRow { Text = example.Text, Label = example.Label, Weight = weight });
        }

        return rows;
    }

    private sealed class TrainingRow
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;

        public float Weight { get; set; }
    }
}
