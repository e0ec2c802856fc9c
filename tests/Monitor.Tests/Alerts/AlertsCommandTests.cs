using Monitor.Tests.Support;

namespace Monitor.Tests.Alerts;

public sealed class AlertsCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Test_FolderRecipient_WritesOneTestMessageAndSaysOk()
    {
        var pipelines = Pipelines($"""
            recipients:
              - id: truc-ban
                folder: {"{"} path: "{temp.File("hop-thu")}", format: json {"}"}
            """);

        var (exitCode, output, error) = await CliRun.InvokeAsync("alerts", "test", "truc-ban", "--pipelines", pipelines, "--db", temp.File("x.db"));

        exitCode.ShouldBe(0, error);
        output.ShouldContain($"OK    folder {temp.File("hop-thu")}");
        File.ReadAllText(Directory.GetFiles(temp.File("hop-thu")).ShouldHaveSingleItem()).ShouldContain("Đây là tin nhắn thử của Monitor");
    }

    [Fact]
    public async Task Test_UnknownRecipient_NamesTheKnownOnesAndExits2()
    {
        var pipelines = Pipelines("""
            recipients:
              - id: truc-ban
                folder: { path: outbox }
            """);

        var (exitCode, _, error) = await CliRun.InvokeAsync("alerts", "test", "ai-do", "--pipelines", pipelines, "--db", temp.File("x.db"));

        exitCode.ShouldBe(2);
        error.ShouldContain("No recipient 'ai-do'");
        error.ShouldContain("(known: truc-ban)");
    }

    [Fact]
    public async Task List_EmptyStore_SaysNoAlertsAndJsonIsAnEmptyList()
    {
        var pipelines = Pipelines("recipients: []");
        var dispatch = await CliRun.InvokeAsync("alerts", "dispatch", "--pipelines", pipelines, "--db", temp.File("empty.db"));

        var text = await CliRun.InvokeAsync("alerts", "list", "--pipelines", pipelines, "--db", temp.File("empty.db"));
        var json = await CliRun.InvokeAsync("alerts", "list", "--json", "--status", "closed", "--pipelines", pipelines, "--db", temp.File("empty.db"));

        dispatch.Output.ShouldContain("Alert deliveries: 0 sent, 0 to retry, 0 failed.", Case.Sensitive, dispatch.Error);
        text.Output.ShouldContain("No alerts.");
        json.Output.Trim().ShouldBe("[]");
    }

    private string Pipelines(string alerts)
    {
        var folder = temp.File("p");
        temp.Write("p/stations/thai-nguyen.yaml", """
            id: thai-nguyen
            name: Báo và Phát thanh, Truyền hình Thái Nguyên
            province: Thái Nguyên
            cluster: cum-2
            channels: []
            """);
        File.WriteAllText(Path.Combine(folder, "alerts.yaml"), alerts);
        return folder;
    }
}
