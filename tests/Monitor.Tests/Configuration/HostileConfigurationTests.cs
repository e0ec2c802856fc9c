using Monitor.Configuration;
using Monitor.Tests.Support;

namespace Monitor.Tests.Configuration;

/// <summary>Issue 11, cases 4 and 9: broken YAML and out-of-range cron fields are reported problems, never crashes.</summary>
public sealed class HostileConfigurationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("feeds: [https://a.vn/rss")]
    [InlineData("feeds: { a: 1")]
    public void Load_UnclosedBracketOrBrace_IsAProblemWithTheFileAndTheOthersStillReported(string broken)
    {
        temp.Write("pipelines/stations/alpha.yaml", "id: alpha\nname: A\nprovince: A\ncluster: cum-2\n" + broken + "\n");
        temp.Write("pipelines/stations/beta.yaml", "id: beta\nname: B\nprovince: B\ncluster: cum-2\nunknownKey: 1\n");

        var result = PipelineLoader.Load(temp.File("pipelines"));

        result.Problems.ShouldContain(p => p.File.EndsWith("alpha.yaml", StringComparison.Ordinal) && p.Message.Contains("YAML syntax", StringComparison.Ordinal) && p.Line >= 1);
        result.Problems.ShouldContain(p => p.File.EndsWith("beta.yaml", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0 99 * * * ?", "minutes")]
    [InlineData("70 0 * * * ?", "seconds")]
    [InlineData("0 0 25 * * ?", "hours")]
    [InlineData("0 0 0 32 * ?", "day of month")]
    [InlineData("0 0 0 ? 13 *", "month")]
    [InlineData("0 0/90 * * * ?", "steps")]
    public void Problem_OutOfRangeField_NamesTheField(string cron, string expected) =>
        CronFieldRanges.Problem(cron)!.ShouldContain(expected);

    [Theory]
    [InlineData("0 0/30 * * * ?")]
    [InlineData("0 15 10 ? * 6#3")]
    [InlineData("0 0 12 L-3 * ?")]
    [InlineData("0 0 12 15W * ?")]
    [InlineData("0 0 8-17 ? * MON-FRI")]
    [InlineData("0 0 0 1 JAN ? 2027")]
    public void Problem_ValidExpressions_AreAccepted(string cron) => CronFieldRanges.Problem(cron).ShouldBeNull();

    [Fact]
    public void Load_OutOfRangeCron_IsReportedAtItsLine()
    {
        temp.Write("pipelines/stations/alpha.yaml", """
            id: alpha
            name: A
            province: A
            cluster: cum-2
            channels:
              - id: alpha-web
                kind: website
                schedule: "0 99 * * * ?"
                baseUrl: https://alpha.vn/
            """);

        var result = PipelineLoader.Load(temp.File("pipelines"));

        result.Problems.ShouldContain(p => p.Line == 8 && p.Message.Contains("minutes", StringComparison.Ordinal));
    }
}
