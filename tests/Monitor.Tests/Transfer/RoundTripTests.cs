using System.Text.Json.Nodes;
using Monitor.Tests.Support;

namespace Monitor.Tests.Transfer;

/// <summary>
/// Issue 10: a store exported and imported into an empty one prints the same stats and reports. Follower
/// counts are not part of the line format, so the leaderboard's follower growth is the one difference.
/// </summary>
public sealed class RoundTripTests
{
    [Fact]
    public async Task ExportThenImport_DemoStore_StatsAndReportsPrintTheSame()
    {
        using var temp = new TempFolder();
        var pipelines = RepositoryPaths.Pipelines;
        var source = temp.File("demo.db");
        var copy = temp.File("copy.db");
        var file = temp.File("store.ndjson");
        (await CliRun.InvokeAsync("demo", "--db", source, "--pipelines", pipelines)).ExitCode.ShouldBe(0);

        var exported = await CliRun.InvokeAsync("export", "--format", "ndjson", "--out", file, "--db", source, "--pipelines", pipelines);
        var imported = await CliRun.InvokeAsync("import", file, "--db", copy, "--pipelines", pipelines);

        exported.ExitCode.ShouldBe(0, exported.Error);
        imported.ExitCode.ShouldBe(0, imported.Output + imported.Error);
        string[][] reports =
        [
            ["stats", "--json"],
            ["report", "leaderboard", "--cluster", "cum-2", "--json"],
            ["report", "top", "--station", "thai-nguyen", "--json"],
            ["report", "top", "--station", "quang-ninh", "--json"],
            ["report", "stories", "--cluster", "cum-2", "--json"],
        ];
        foreach (var report in reports)
        {
            var before = await RunJsonAsync(report, source, pipelines);
            var after = await RunJsonAsync(report, copy, pipelines);
            JsonNode.DeepEquals(before, after).ShouldBeTrue($"{string.Join(' ', report)} differs:{Environment.NewLine}{before}{Environment.NewLine}{after}");
        }
    }

    private static async Task<JsonNode> RunJsonAsync(string[] report, string db, string pipelines)
    {
        var (exitCode, output, error) = await CliRun.InvokeAsync([.. report, "--db", db, "--pipelines", pipelines]);
        exitCode.ShouldBe(0, error);
        var json = JsonNode.Parse(output)!;
        foreach (var row in json.AsObject().Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>())
        {
            // Not in the transfer format: follower counts live in the collectors' state.
            row.Remove("followerGrowth");
        }

        return json;
    }
}
