using System.Text;
using Monitor.Language;
using Monitor.Tests.Support;

namespace Monitor.Tests.Language;

/// <summary>The <c>model</c> subcommands end to end through the real command line, on files in a temp folder.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string PathOf(string name) => folder.File(name);

    private static Task<(int ExitCode, string Output, string Error)> Run(params string[] args) => CliRun.InvokeAsync(args);

    private async Task<string> TrainedModel()
    {
        await File.WriteAllLinesAsync(PathOf("train.tsv"), TinyCorpus.Examples(30, 1).Select(e => $"{e.Label}\t{e.Text}"));
        await File.WriteAllLinesAsync(PathOf("dev.tsv"), TinyCorpus.Examples(5, 2).Select(e => $"{e.Label}\t{e.Text}"));
        var (code, output, _) = await Run("model", "train", "--task", "sentiment", "--train", PathOf("train.tsv"), "--dev", PathOf("dev.tsv"), "--out", PathOf("m.bin"), "--hash-bits", "16");
        code.ShouldBe(0);
        output.ShouldContain("macro-F1");
        return PathOf("m.bin");
    }

    [Fact]
    public async Task Predict_BadLines_OneOutputLinePerInputLineInOrder()
    {
        var model = await TrainedModel();
        var input = new List<byte>();
        input.AddRange(Encoding.UTF8.GetBytes("positive\trất hay tuyệt vời\n\nquá tệ thất vọng\n"));
        input.AddRange([0xE1, 0xBB, 0x41, 0xFF, (byte)'\n']);
        input.AddRange(Encoding.UTF8.GetBytes(new string('x', 1_048_576) + "\nunknownlabel\tchán lắm\n"));
        File.WriteAllBytes(PathOf("in.txt"), [.. input]);

        var (code, _, error) = await Run("model", "predict", "--model", model, "--in", PathOf("in.txt"), "--out", PathOf("out.tsv"));

        code.ShouldBe(0);
        error.ShouldContain("1 lines had invalid UTF-8");
        var lines = File.ReadAllLines(PathOf("out.tsv"));
        lines.Length.ShouldBe(6);
        lines[0].ShouldStartWith("positive\t");
        lines[2].ShouldStartWith("negative\t");
        lines[5].ShouldStartWith("negative\t");
        foreach (var line in lines)
        {
            var probability = double.Parse(line.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture);
            probability.ShouldBeInRange(0, 1);
        }
    }

    [Fact]
    public async Task Eval_UnknownLabels_SkippedAndScoresTheRest()
    {
        var model = await TrainedModel();
        File.WriteAllLines(PathOf("eval.tsv"), ["positive\trất hay", "SARCASM\tờ hay nhỉ", "negative\tquá tệ", ""]);

        var (code, output, error) = await Run("model", "eval", "--model", model, "--data", PathOf("eval.tsv"));

        code.ShouldBe(0);
        error.ShouldContain("Skipped 1 lines whose label the model does not know (SARCASM)");
        output.ShouldContain("documents  2");
        output.ShouldContain("macro-F1");
        output.ShouldContain("gold\\pred");
    }

    [Fact]
    public async Task Eval_OnlyUnknownLabels_FailsWithCode2()
    {
        var model = await TrainedModel();
        File.WriteAllLines(PathOf("eval.tsv"), ["SARCASM\tờ hay nhỉ"]);

        var (code, _, error) = await Run("model", "eval", "--model", model, "--data", PathOf("eval.tsv"));

        code.ShouldBe(2);
        error.ShouldContain("Nothing to evaluate");
    }

    [Fact]
    public async Task Predict_ModelOfAnotherFormatVersion_FailsWithCode2()
    {
        var bytes = File.ReadAllBytes(await TrainedModel());
        BitConverter.GetBytes(ModelFile.FormatVersion + 1).CopyTo(bytes, 8);
        File.WriteAllBytes(PathOf("old.bin"), bytes);
        File.WriteAllText(PathOf("in.txt"), "hay\n");

        var (code, _, error) = await Run("model", "predict", "--model", PathOf("old.bin"), "--in", PathOf("in.txt"), "--out", PathOf("out.tsv"));

        code.ShouldBe(2);
        error.ShouldContain($"format version {ModelFile.FormatVersion + 1}, but this build reads versions 1 and {ModelFile.FormatVersion}");
    }

    [Fact]
    public async Task Train_MissingFile_FailsWithCode2()
    {
        var (code, _, error) = await Run("model", "train", "--task", "x", "--train", PathOf("absent.tsv"), "--out", PathOf("m.bin"));

        code.ShouldBe(2);
        error.ShouldContain("does not exist");
    }
}
