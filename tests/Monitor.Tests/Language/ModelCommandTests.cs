using System.Text;
using Monitor.Language;
using Monitor.Worker.Commands;

namespace Monitor.Tests.Language;

/// <summary>The <c>model</c> subcommands end to end through the real command line, on files in a temp folder.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("monitor-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static int Run(params string[] args) => MonitorCli.Create().Parse(args).Invoke();

    private string TrainedModel()
    {
        File.WriteAllLines(PathOf("train.tsv"), TinyCorpus.Examples(30, 1).Select(e => $"{e.Label}\t{e.Text}"));
        File.WriteAllLines(PathOf("dev.tsv"), TinyCorpus.Examples(5, 2).Select(e => $"{e.Label}\t{e.Text}"));
        Run("model", "train", "--task", "sentiment", "--train", PathOf("train.tsv"), "--dev", PathOf("dev.tsv"), "--out", PathOf("m.bin"), "--hash-bits", "16")
            .ShouldBe(0);
        return PathOf("m.bin");
    }

    [Fact]
    public void Predict_BadLines_OneOutputLinePerInputLineInOrder()
    {
        var model = TrainedModel();
        var input = new List<byte>();
        input.AddRange(Encoding.UTF8.GetBytes("positive\trất hay tuyệt vời\n\nquá tệ thất vọng\n"));
        input.AddRange([0xE1, 0xBB, 0x41, 0xFF, (byte)'\n']);
        input.AddRange(Encoding.UTF8.GetBytes(new string('x', 1_048_576) + "\nunknownlabel\tchán lắm\n"));
        File.WriteAllBytes(PathOf("in.txt"), [.. input]);

        Run("model", "predict", "--model", model, "--in", PathOf("in.txt"), "--out", PathOf("out.tsv")).ShouldBe(0);

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
    public void Eval_UnknownLabels_SkippedAndScoresTheRest()
    {
        var model = TrainedModel();
        File.WriteAllLines(PathOf("eval.tsv"), ["positive\trất hay", "SARCASM\tờ hay nhỉ", "negative\tquá tệ", ""]);

        Run("model", "eval", "--model", model, "--data", PathOf("eval.tsv")).ShouldBe(0);
    }

    [Fact]
    public void Eval_OnlyUnknownLabels_FailsWithCode2()
    {
        var model = TrainedModel();
        File.WriteAllLines(PathOf("eval.tsv"), ["SARCASM\tờ hay nhỉ"]);

        Run("model", "eval", "--model", model, "--data", PathOf("eval.tsv")).ShouldBe(2);
    }

    [Fact]
    public void Predict_ModelOfAnotherFormatVersion_FailsWithCode2()
    {
        var bytes = File.ReadAllBytes(TrainedModel());
        BitConverter.GetBytes(ModelFile.FormatVersion + 1).CopyTo(bytes, 8);
        File.WriteAllBytes(PathOf("old.bin"), bytes);
        File.WriteAllText(PathOf("in.txt"), "hay\n");

        Run("model", "predict", "--model", PathOf("old.bin"), "--in", PathOf("in.txt"), "--out", PathOf("out.tsv")).ShouldBe(2);
    }

    [Fact]
    public void Train_MissingFile_FailsWithCode2()
    {
        Run("model", "train", "--task", "x", "--train", PathOf("absent.tsv"), "--out", PathOf("m.bin")).ShouldBe(2);
    }
}
