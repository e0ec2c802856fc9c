using System.Text;
using Monitor.Language;

namespace Monitor.Tests.Language;

public sealed class LabelledTextFileTests
{
    [Fact]
    public void Read_MixedBadLines_SkipsAndCountsWithoutThrowing()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("positive\trất hay\n\n   \nno label here\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("negative\tdở "));
        bytes.AddRange([0xC3, 0x28, 0xFF]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\nneutral\t" + new string('x', 1_048_576) + "\n"));
        using var reader = new StreamReader(new MemoryStream([.. bytes]), LabelledTextFile.Utf8);

        var (examples, report) = LabelledTextFile.Read(reader);

        examples.Select(e => e.Label).ShouldBe(["positive", "negative", "neutral"]);
        report.EmptyLines.ShouldBe(2);
        report.LinesWithoutLabel.ShouldBe(1);
        report.LinesWithInvalidUtf8.ShouldBe(1);
        examples[2].Text.Length.ShouldBe(1_048_576);
    }
}
