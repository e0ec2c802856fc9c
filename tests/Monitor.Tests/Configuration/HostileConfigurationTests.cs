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

    [Theory]
    [InlineData("id: alpha\nfeeds: [https://a.vn/rss\nname: A\n")]
    [InlineData("id: alpha\nprofile: {name: a\nname: A\n")]
    [InlineData("id: alpha\nchannels:\n  - id: y\n    feeds: [https://a.vn/rss\n    sitemaps: []\n")]
    public void Load_OpenBracketOrBraceFollowedByMoreLines_IsAProblemAtALine(string broken)
    {
        temp.Write("pipelines/stations/alpha.yaml", broken);

        var result = PipelineLoader.Load(temp.File("pipelines"));

        // YamlDotNet gives up on these with an InvalidOperationException that has no position; validate crashed on it.
        result.Problems.ShouldContain(p => p.File.EndsWith("alpha.yaml", StringComparison.Ordinal) && p.Message.Contains("is not closed", StringComparison.Ordinal) && p.Line >= 2);
    }

    [Fact]
    public void Load_BrokenWatchlists_EveryProblemReportedAtFileLineAndColumn()
    {
        // Issue 11, case 5: validate did not read watch-lists; run and demo then crashed naming no file or line.
        temp.Write("pipelines/stations/alpha.yaml", "id: alpha\nname: A\nprovince: A\ncluster: cum-2\n");
        temp.Write("pipelines/watchlists/bad-keys.yaml", "name: bad-keys\ntopic: an ninh\nwords: [a]\nterms:\n  - term: bạo loạn\n    severity: urgent\n");
        temp.Write("pipelines/watchlists/no-topic.yaml", "name: no-topic\nterms:\n  - term: biểu tình\n");
        temp.Write("pipelines/watchlists/unclosed.yaml", "name: unclosed\ntopic: t\nterms: [{term: a}\n");

        var problems = PipelineLoader.Load(temp.File("pipelines")).Problems;

        problems.ShouldContain(p => p.File.EndsWith("bad-keys.yaml", StringComparison.Ordinal) && p.Line == 3 && p.Message.Contains("words", StringComparison.Ordinal));
        problems.ShouldContain(p => p.File.EndsWith("bad-keys.yaml", StringComparison.Ordinal) && p.Line == 6 && p.Message.Contains("urgent", StringComparison.Ordinal));
        problems.ShouldContain(p => p.File.EndsWith("no-topic.yaml", StringComparison.Ordinal) && p.Line == 3 && p.Message.Contains("topic", StringComparison.Ordinal));
        problems.ShouldContain(p => p.File.EndsWith("unclosed.yaml", StringComparison.Ordinal) && p.Message.Contains("YAML syntax", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ShippedWatchlists_AreReadIntoTheConfiguration()
    {
        var configuration = PipelineLoader.Load(RepositoryPaths.Pipelines).GetValidConfiguration();

        configuration.Watchlists.Count.ShouldBeGreaterThanOrEqualTo(3);
        configuration.Watchlists.SelectMany(w => w.Terms).ShouldContain(t => t.Term == "bạo loạn");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public async Task Command_BrokenWatchlist_ExitsWithItsLineInsteadOfPassingOrCrashing(string command)
    {
        temp.Write("pipelines/stations/alpha.yaml", "id: alpha\nname: A\nprovince: A\ncluster: cum-2\n");
        temp.Write("pipelines/watchlists/bad.yaml", "name: bad\ntopic: t\nterms:\n  - term: a\n    severity: urgent\n");

        string[] args = command == "run" ? ["run", "--once", "--pipelines", temp.File("pipelines")] : ["validate", "--pipelines", temp.File("pipelines")];

        var (exitCode, output, error) = await CliRun.InvokeAsync(args);

        exitCode.ShouldNotBe(0);
        (output + error).ShouldContain("bad.yaml:5:");
    }
}
