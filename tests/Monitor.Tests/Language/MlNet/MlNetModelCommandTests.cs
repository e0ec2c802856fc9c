using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML;
using Monitor.Enrichment;
using Monitor.Pipeline;
using Monitor.Tests.Support;

namespace Monitor.Tests.Language.MlNet;

/// <summary><c>model train --engine mlnet</c>, <c>eval</c>, <c>predict</c> and the language slots with ML.NET zips, through the real command line.</summary>
public sealed class MlNetModelCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => CliRun.InvokeAsync(args);

    private async Task WriteCorpus()
    {
        await File.WriteAllLinesAsync(folder.File("train.tsv"), TinyCorpus.Examples(30, 1).Select(e => $"{e.Label}\t{e.Text}"));
        await File.WriteAllLinesAsync(folder.File("dev.tsv"), TinyCorpus.Examples(5, 2).Select(e => $"{e.Label}\t{e.Text}"));
    }

    private async Task<string> TrainedZip()
    {
        await WriteCorpus();
        var (code, output, error) = await Run("model", "train", "--engine", "mlnet", "--task", "sentiment", "--train", folder.File("train.tsv"),
            "--dev", folder.File("dev.tsv"), "--out", folder.File("sentiment.zip"), "--word-ngrams", "2", "--char-max", "3", "--iterations", "20");
        code.ShouldBe(0, error);
        output.ShouldContain("ML.NET zip: input Text, outputs PredictedLabel, Score");
        output.ShouldContain("macro-F1");
        return folder.File("sentiment.zip");
    }

    [Fact]
    public async Task TrainEvalPredict_MlNetEngine_WorkLikeTheLinearEngine()
    {
        var model = await TrainedZip();
        File.WriteAllLines(folder.File("eval.tsv"), ["positive\trất hay tuyệt vời", "negative\tquá tệ thất vọng", "SARCASM\tờ hay nhỉ"]);
        File.WriteAllLines(folder.File("in.txt"), ["positive\trất hay tuyệt vời", string.Empty, "quá tệ thất vọng"]);

        var eval = await Run("model", "eval", "--model", model, "--data", folder.File("eval.tsv"));
        var predict = await Run("model", "predict", "--model", model, "--in", folder.File("in.txt"), "--out", folder.File("out.tsv"));

        eval.ExitCode.ShouldBe(0, eval.Error);
        eval.Output.ShouldContain("ML.NET zip");
        eval.Output.ShouldContain("documents  2");
        eval.Error.ShouldContain("Skipped 1 lines");
        predict.ExitCode.ShouldBe(0, predict.Error);
        predict.Error.ShouldContain("3 lines classified with sentiment-mlnet-");
        var lines = File.ReadAllLines(folder.File("out.tsv"));
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("positive\t");
        lines[2].ShouldStartWith("negative\t");
    }

    [Fact]
    public async Task Train_SeveralL2WithoutFolds_AsksForCrossValidation()
    {
        await WriteCorpus();

        var (code, _, error) = await Run("model", "train", "--engine", "mlnet", "--task", "sentiment", "--train", folder.File("train.tsv"),
            "--out", folder.File("m.zip"), "--l2", "0.01", "0.1");

        code.ShouldBe(2);
        error.ShouldContain("add --cv-folds K");
    }

    [Fact]
    public async Task Train_CrossValidation_ChoosesOnTrainAndCachesTheFoldScores()
    {
        await WriteCorpus();
        string[] args = ["model", "train", "--task", "sentiment", "--train", folder.File("train.tsv"), "--dev", folder.File("dev.tsv"), "--out", folder.File("m.bin"),
            "--hash-bits", "14", "--cv-folds", "3", "--c", "0.001", "1", "--cv-cache", folder.File("cv.tsv")];

        var first = await Run(args);
        var second = await Run(args);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Output.ShouldContain("settings   C 1, word 1-3 + char_wb 2-5, hashed 2^14 (chosen among 2 by 3-fold cross-validation on train");
        first.Error.Split('\n').Count(l => l.StartsWith("cv 3-fold", StringComparison.Ordinal)).ShouldBe(2);
        File.ReadAllLines(folder.File("cv.tsv")).Length.ShouldBe(2);
        second.Error.Split('\n').Count(l => l.StartsWith("cv 3-fold", StringComparison.Ordinal) && l.Contains(" cached ", StringComparison.Ordinal)).ShouldBe(2);
        second.Output.ShouldContain("settings   C 1, word 1-3 + char_wb 2-5, hashed 2^14 (chosen among 2");
    }

    [Fact]
    public async Task Eval_WrongShapedZip_ClearMessageAndCode2()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(TinyCorpus.Examples(10, 1).Select(e => new MlNetEngineTests.CommentRow { Comment = e.Text, Label = e.Label }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", "Comment"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 5));
        ml.Model.Save(pipeline.Fit(data), data.Schema, folder.File("wrong.zip"));
        File.WriteAllLines(folder.File("eval.tsv"), ["positive\trất hay"]);

        var (code, _, error) = await Run("model", "eval", "--model", folder.File("wrong.zip"), "--data", folder.File("eval.tsv"));

        code.ShouldBe(2);
        error.ShouldContain("Cannot use the model:");
        error.ShouldContain("must take a string column 'Text'");
    }

    [Fact]
    public async Task AddLanguage_MlNetZipInTheSentimentSlot_AssessesAndFlagsWithItsVersion()
    {
        var model = await TrainedZip();
        var options = new LanguageOptions
        {
            SentimentModel = model,
            ToxicityModel = Path.Combine(RepositoryPaths.Root, "models", "toxicity.bin"),
            WatchlistFolder = null,
            NegativeThreshold = 0.4,
        };

        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(TestClock.Start)).AddLanguage(options).BuildServiceProvider();
        var batch = Monitor.Tests.Enrichment.EnrichmentTestData.Batch([], [Monitor.Tests.Enrichment.EnrichmentTestData.Comment("youtube:c1", "web:1", "đưa tin sai, thất vọng, quá tệ")]);
        foreach (var enricher in provider.GetServices<IContentEnricher>())
        {
            batch = enricher.Enrich(batch);
        }

        var sentiment = batch.Assessments.Single(a => a.Task == "sentiment");
        sentiment.ModelVersion.ShouldStartWith("sentiment-mlnet-");
        sentiment.Label.ShouldBe("negative");
        batch.Assessments.Single(a => a.Task == "toxicity").ModelVersion.ShouldStartWith("toxicity-");
        batch.Flags.ShouldContain(f => f.Source == "model:sentiment" && f.TargetId == "youtube:c1");
    }
}
