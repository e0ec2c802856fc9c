using Monitor.Tests.Support;

namespace Monitor.Tests.Worker;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task RunOnce_InvalidConfiguration_RefusesWithTheValidateReport()
    {
        temp.Write("p/stations/alpha.yaml", "id: alpha\nname: A\nprovince: A\nchannels:\n  - id: a\n    kind: website\n    baseUrl: nope\n    schedule: bad\n");

        var run = await CliRun.InvokeAsync("run", "--once", "--pipelines", temp.File("p"), "--db", temp.File("x.db"));
        var validate = await CliRun.InvokeAsync("validate", "--pipelines", temp.File("p"));

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldBe(validate.Error);
        run.Error.ShouldContain("alpha.yaml:7:");
        File.Exists(temp.File("x.db")).ShouldBeFalse("nothing runs on invalid configuration");
    }

    [Fact]
    public async Task RunDaemon_InvalidConfiguration_RefusesToo()
    {
        temp.Write("p/stations/alpha.yaml", "id: alpha\nname: A\nprovince: A\nunknownKey: 1\n");

        var (exitCode, _, error) = await CliRun.InvokeAsync("run", "--pipelines", temp.File("p"), "--db", temp.File("x.db"));

        exitCode.ShouldBe(2);
        error.ShouldContain("unknown key 'unknownKey'");
    }

    [Fact]
    public async Task RunOnce_CorruptStore_ClearMessageExitThree()
    {
        temp.Write("p/stations/alpha.yaml", "id: alpha\nname: A\nprovince: A\nchannels: []\n");
        var db = temp.Write("corrupt.db", new string('q', 5000));

        var (exitCode, _, error) = await CliRun.InvokeAsync("run", "--once", "--pipelines", temp.File("p"), "--db", db);

        exitCode.ShouldBe(3);
        error.ShouldContain(db);
        error.ShouldContain("not a readable SQLite database");
    }

    [Fact]
    public async Task RunOnce_SourcesUnreachable_OneClearLinePerSourceAndExitOne()
    {
        // Nothing listens on ports 1–3 of loopback: every connection is refused at once, as with no network
        // (one port per station: a website host belongs to one channel).
        foreach (var (id, port) in new[] { ("alpha", 1), ("beta", 2), ("gamma", 3) })
        {
            temp.Write($"p/stations/{id}.yaml", $"id: {id}\nname: Đài {id}\nprovince: {id}\nchannels:\n  - id: {id}-web\n    kind: website\n    baseUrl: http://127.0.0.1:{port}/{id}/\n");
        }

        using var worker = WorkerProcess.Start(temp.Path, "run", "--once", "--pipelines", temp.File("p"), "--db", temp.File("run.db"));
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromMinutes(2));

        exitCode.ShouldBe(1, worker.Output);
        var lines = worker.Output.Split('\n');
        foreach (var id in new[] { "alpha", "beta", "gamma" })
        {
            lines.Count(l => l.Contains($"FAIL  {id}/{id}-web", StringComparison.Ordinal)).ShouldBe(1, worker.Output);
            lines.Count(l => l.Contains($"Source {id}/{id}-web failed", StringComparison.Ordinal)).ShouldBe(1, worker.Output);
        }

        worker.Output.ShouldContain("3 failed");
        worker.Output.ShouldNotContain("   at ", customMessage: "no stack traces for expected failures");
        worker.Output.ShouldNotContain("Unhandled exception");
    }
}
