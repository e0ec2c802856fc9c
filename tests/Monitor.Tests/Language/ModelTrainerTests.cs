using Monitor.Language;

namespace Monitor.Tests.Language;

public sealed class ModelTrainerTests
{
    [Fact]
    public void Train_SeparableCorpus_DevScoresPerfect()
    {
        var result = ModelTrainer.Train(TinyCorpus.Examples(40, 1), TinyCorpus.Examples(10, 2), new TrainingOptions("sentiment", new(HashBits: 16)), TimeProvider.System);

        result.Dev.ShouldNotBeNull();
        result.Dev.MacroF1.ShouldBeGreaterThan(0.99);
        result.Model.Labels.ShouldBe(["negative", "neutral", "positive"]);
    }

    [Fact]
    public void Train_SameSeedTwice_IdenticalModel()
    {
        var first = TinyCorpus.Train(seed: 7);
        var second = TinyCorpus.Train(seed: 7);

        second.Version.ShouldBe(first.Version);
    }

    [Fact]
    public void Train_WithoutDev_CalibratesOnHoldout()
    {
        var result = ModelTrainer.Train(TinyCorpus.Examples(40, 1), null, new TrainingOptions("sentiment", new(HashBits: 16)), TimeProvider.System);

        result.Dev.ShouldBeNull();
        result.Model.Metadata.Calibration.ShouldContain("hold-out");
        result.Model.Temperature.ShouldBeGreaterThan(0f);
    }

    [Fact]
    public void Train_OneLabelOnly_ClearError()
    {
        var examples = new List<LabelledText> { new("positive", "hay"), new("positive", "tốt") };

        var error = Should.Throw<ArgumentException>(() => ModelTrainer.Train(examples, null, new TrainingOptions("x", new(HashBits: 16)), TimeProvider.System));

        error.Message.ShouldContain("at least two labels");
    }

    [Fact]
    public void Classify_OddInputs_DefinedPredictionWithValidProbability()
    {
        using var classifier = new LinearTextClassifier(TinyCorpus.Train());
        string[] inputs = ["", "\uD800\uFFFD", new string('a', 1_000_000), string.Concat(Enumerable.Repeat("quá tệ ", 150_000))];

        foreach (var input in inputs)
        {
            var prediction = classifier.Classify(input);
            classifier.Labels.ShouldContain(prediction.Label);
            prediction.Probability.ShouldBeInRange(0f, 1f);
        }
    }

    [Fact]
    public void Classify_ProbabilitiesSumToOneAndFollowTheWinner()
    {
        using var classifier = new LinearTextClassifier(TinyCorpus.Train());
        var probabilities = new float[3];

        var best = classifier.Classify("chương trình tuyệt vời, cảm ơn đài", probabilities);

        classifier.Labels[best].ShouldBe("positive");
        probabilities.Sum().ShouldBe(1f, 1e-4f);
        probabilities[best].ShouldBe(probabilities.Max());
    }
}
