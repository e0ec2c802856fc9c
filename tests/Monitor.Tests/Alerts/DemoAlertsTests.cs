using System.Text.Json.Nodes;
using Monitor.Tests.Support;

namespace Monitor.Tests.Alerts;

/// <summary>Issue 13's "done when": demo shows the planted alerts, writes them to outbox/, and alerts list --json lists them; import raises alerts too.</summary>
public sealed class DemoAlertsTests
{
    [Fact]
    public async Task Demo_PlantedEvents_PrintedDeliveredToTheFolderAndListed()
    {
        using var temp = new TempFolder();
        var pipelines = RepositoryPaths.Pipelines;
        var db = temp.File("demo.db");

        var demo = await CliRun.InvokeAsync("demo", "--db", db, "--pipelines", pipelines);
        var list = await CliRun.InvokeAsync("alerts", "list", "--json", "--db", db, "--pipelines", pipelines);

        demo.ExitCode.ShouldBe(0, demo.Error);
        demo.Output.ShouldContain("negative-surge");
        demo.Output.ShouldContain("Bình luận tiêu cực tăng vọt dưới bài \"Thái Nguyên: khánh thành cầu mới");
        demo.Output.ShouldContain(" viral ");
        var files = Directory.GetFiles(temp.File("outbox"), "*.json");
        files.Length.ShouldBeGreaterThan(2);
        files.Count(f => File.ReadAllText(f).Contains("\"kind\":\"negative-surge\"", StringComparison.Ordinal)).ShouldBe(1);
        list.ExitCode.ShouldBe(0, list.Error);
        var alerts = JsonNode.Parse(list.Output)!.AsArray();
        alerts.Count.ShouldBe(files.Length);
        var surge = alerts.Single(a => (string?)a!["kind"] == "negative-surge")!;
        ((string?)surge["target"]).ShouldStartWith("facebook:");
        surge["opened"].ShouldNotBeNull();
        var delivery = surge["deliveries"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)delivery["status"]).ShouldBe("sent");
        ((string?)delivery["channel"]).ShouldBe("folder");
    }

    [Fact]
    public async Task Import_DemoExport_RaisesAlertsFromTheImportedContent()
    {
        using var temp = new TempFolder();
        var pipelines = RepositoryPaths.Pipelines;
        (await CliRun.InvokeAsync("demo", "--db", temp.File("demo.db"), "--pipelines", pipelines)).ExitCode.ShouldBe(0);
        (await CliRun.InvokeAsync("export", "--format", "ndjson", "--out", temp.File("store.ndjson"), "--db", temp.File("demo.db"), "--pipelines", pipelines)).ExitCode.ShouldBe(0);

        var imported = await CliRun.InvokeAsync("import", temp.File("store.ndjson"), "--db", temp.File("copy.db"), "--pipelines", pipelines);
        var list = await CliRun.InvokeAsync("alerts", "list", "--json", "--status", "open", "--db", temp.File("copy.db"), "--pipelines", pipelines);

        imported.ExitCode.ShouldBe(0, imported.Error);
        var kinds = JsonNode.Parse(list.Output)!.AsArray().Select(a => (string?)a!["kind"]).ToHashSet();
        kinds.ShouldContain("watchlist");
        kinds.ShouldContain("viral");
    }
}
