using Microsoft.ML;
using Monitor.Language;
using Monitor.Language.MlNet;
using Monitor.Tests.Support;

namespace Monitor.Tests.Language.MlNet;

/// <summary>The ML.NET engine on the tiny corpus, and the loader against real zips of the right and wrong shapes, trained here.</summary>
public sealed class MlNetEngineTests : IDisposable
{
    private static readonly MlNetTrainingOptions Tiny = new("sentiment", WordNgrams: 2, CharNgrams: 3, MaximumIterations: 20);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Train_TinyCorpus_SeparatesTheClassesAndReportsDev()
    {
        var result = MlNetTrainer.Train(TinyCorpus.Examples(30, 1), TinyCorpus.Examples(10, 2), Tiny);

        using var classifier = result.Classifier;
        classifier.Labels.ShouldBe(["negative", "neutral", "positive"]);
        result.Dev.ShouldNotBeNull().MacroF1.ShouldBeGreaterThan(0.9);
        classifier.Classify("phóng sự hay quá, cảm ơn đài").Label.ShouldBe("positive");
        classifier.Classify("đưa tin sai, thất vọng").Label.ShouldBe("negative");
    }

    [Fact]
    public void Load_SavedZip_GivesTheSamePredictionsAsTheTrainedModel()
    {
        var result = MlNetTrainer.Train(TinyCorpus.Examples(30, 1), null, Tiny);
        var path = folder.File("sentiment.zip");
        MlNetModelFile.Save(result.Classifier, path);

        using var loaded = (MlNetTextClassifier)TextClassifierFile.Load(path, "sentiment");

        loaded.Task.ShouldBe("sentiment");
        loaded.ModelVersion.ShouldBe(result.Classifier.ModelVersion);
        loaded.ModelVersion.ShouldStartWith("sentiment-mlnet-");
        Span<float> expected = stackalloc float[3];
        Span<float> actual = stackalloc float[3];
        foreach (var example in TinyCorpus.Examples(10, 3))
        {
            result.Classifier.Classify(example.Text, expected).ShouldBe(loaded.Classify(example.Text, actual));
            actual.ToArray().ShouldBe(expected.ToArray());
            actual.ToArray().Sum().ShouldBe(1f, 1e-4f);
        }

        result.Classifier.Dispose();
    }

    [Fact]
    public void Classify_EmptyAndOddText_AnswersWithoutThrowing()
    {
        using var classifier = MlNetTrainer.Train(TinyCorpus.Examples(20, 1), null, Tiny).Classifier;

        foreach (var text in new[] { string.Empty, "   ", "\uFFFD\uFFFD", "👍👍👍", new string('a', 100_000) })
        {
            var prediction = classifier.Classify(text);
            classifier.Labels.ShouldContain(prediction.Label);
            prediction.Probability.ShouldBeInRange(0f, 1f);
        }
    }

    [Fact]
    public void Train_AccentFreeViewAndLbfgs_Trains()
    {
        var options = Tiny with { Learner = MlNetLearner.LbfgsMaximumEntropy, AccentFreeWordNgrams = 2, L2 = 0.1f, MaximumIterations = 50 };

        var result = MlNetTrainer.Train(TinyCorpus.Examples(30, 1), TinyCorpus.Examples(10, 2), options);

        using var classifier = result.Classifier;
        result.Dev.ShouldNotBeNull().MacroF1.ShouldBeGreaterThan(0.8);
        classifier.Classify("phong su hay qua, tuyet voi").Label.ShouldBe("positive");
    }

    [Fact]
    public void Train_InvalidSettings_ListsEveryProblem()
    {
        var error = Should.Throw<ArgumentException>(() => MlNetTrainer.Train(TinyCorpus.Examples(5, 1), null, Tiny with { WordNgrams = 0, CharNgrams = 0, L2 = -1 }));

        error.Message.ShouldContain("no features");
        error.Message.ShouldContain("L2 regularisation must be positive");
    }

    /// <summary>What a department's data team would make with ML.NET's own tooling: the label keyed inside the chain, no normaliser of ours.</summary>
    [Fact]
    public void Load_ZipTrainedWithPlainMlNet_ClassifiesThroughTheInterface()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TinyCorpus.Examples(30, 1).Select(e => new ExternalRow { Text = e.Text, Label = e.Label }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", "Text"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var path = folder.File("external.zip");
        ml.Model.Save(pipeline.Fit(data), data.Schema, path);

        using var classifier = (MlNetTextClassifier)TextClassifierFile.Load(path, "sentiment");

        classifier.Labels.Order(StringComparer.Ordinal).ShouldBe(["negative", "neutral", "positive"]);
        classifier.Classify("tuyệt vời, thích lắm, rất hay").Label.ShouldBe("positive");
        var report = ClassifierEvaluation.Evaluate(classifier, TinyCorpus.Examples(10, 2));
        report.Total.ShouldBe(30);
        report.MacroF1.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void Load_ZipWhoseInputIsNotText_SaysItNeedsATextColumn()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TinyCorpus.Examples(10, 1).Select(e => new CommentRow { Comment = e.Text, Label = e.Label }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", "Comment"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options { MaximumNumberOfIterations = 5 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var path = folder.File("comment.zip");
        ml.Model.Save(pipeline.Fit(data), data.Schema, path);

        var error = Should.Throw<ModelFormatException>(() => TextClassifierFile.Load(path, "sentiment"));

        error.Message.ShouldContain("must take a string column 'Text'");
        error.Message.ShouldContain("Comment (String)");
    }

    [Fact]
    public void Load_RegressionZip_SaysItNeedsAMulticlassClassifier()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TinyCorpus.Examples(10, 1).Select(e => new ScoredRow { Text = e.Text, Label = e.Label == "positive" ? 1f : 0f }));
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", "Text")
            .Append(ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 5));
        var path = folder.File("regression.zip");
        ml.Model.Save(pipeline.Fit(data), data.Schema, path);

        var error = Should.Throw<ModelFormatException>(() => TextClassifierFile.Load(path, "sentiment"));

        error.Message.ShouldContain("must output 'PredictedLabel' and 'Score'");
        error.Message.ShouldContain("regression.zip");
    }

    [Fact]
    public void Load_ZipThatIsNoModel_SaysSo()
    {
        var path = folder.File("notes.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("notes.txt").Open());
            writer.Write("ghi chú");
        }

        var error = Should.Throw<ModelFormatException>(() => TextClassifierFile.Load(path, "sentiment"));

        error.Message.ShouldContain("is a zip but not an ML.NET model");
    }

    [Fact]
    public void Load_NeitherKind_NamesBothKinds()
    {
        var path = folder.Write("model.bin", "label\ttext\n");

        var error = Should.Throw<ModelFormatException>(() => TextClassifierFile.Load(path, "sentiment"));

        error.Message.ShouldContain("neither a model of this project");
        error.Message.ShouldContain("ML.NET model zip");
    }

    [Fact]
    public void Load_ProjectFormat_StillGivesTheLinearClassifier()
    {
        var path = folder.File("m.bin");
        ModelFile.Save(TinyCorpus.Train(), path);

        using var classifier = (LinearTextClassifier)TextClassifierFile.Load(path, "toxicity");

        classifier.Task.ShouldBe("sentiment");
    }

    public sealed class ExternalRow
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    public sealed class CommentRow
    {
        public string Comment { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    public sealed class ScoredRow
    {
        public string Text { get; set; } = string.Empty;

        public float Label { get; set; }
    }
}
