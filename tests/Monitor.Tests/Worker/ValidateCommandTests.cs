using Monitor.Tests.Support;

namespace Monitor.Tests.Worker;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Validate_ShippedPipelines_ExitZeroWithCounts()
    {
        var (exitCode, output, error) = await CliRun.InvokeAsync("validate", "--pipelines", RepositoryPaths.Pipelines);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("valid. 10 stations");
    }

    [Fact]
    public async Task Validate_BrokenPipelines_ListsEveryProblemWithFileAndLine()
    {
        temp.Write("p/stations/alpha.yaml", """
            id: alpha
            name: Đài Alpha
            province: Alpha
            channels:
              - id: alpha-web
                kind: website
                schedule: "not cron"
                baseUrl: ftp://alpha.vn/
              - id: alpha-web
                kind: website
                baseUrl: https://alpha.vn/
                colour: red
            """);

        var (exitCode, output, error) = await CliRun.InvokeAsync("validate", "--pipelines", temp.File("p"));

        exitCode.ShouldBe(2);
        output.ShouldBeEmpty();
        var file = temp.File("p/stations/alpha.yaml");
        error.ShouldContain($"{file}:7:");
        error.ShouldContain($"{file}:8:");
        error.ShouldContain($"{file}:9:");
        error.ShouldContain($"{file}:12:");
        error.ShouldContain("4 configuration problem(s)");
    }
}
