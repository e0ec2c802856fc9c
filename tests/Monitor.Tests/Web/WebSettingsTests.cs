using Monitor.Configuration;
using Monitor.Tests.Support;

namespace Monitor.Tests.Web;

/// <summary><c>web:</c> in monitor.yaml is validated with the rest of the configuration, every problem at its line.</summary>
public sealed class WebSettingsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_WebSection_IsRead()
    {
        var loaded = Load("""
            web:
              enabled: true
              listen: http://0.0.0.0:8080
              pathBase: /monitor
            """);

        loaded.Problems.ShouldBeEmpty();
        var web = loaded.Configuration!.Settings.Web;
        web.Enabled.ShouldBeTrue();
        web.Listen.ShouldBe(new Uri("http://0.0.0.0:8080"));
        web.PathBase.ShouldBe("/monitor");
    }

    [Fact]
    public void Load_NoWebSection_DefaultsToLoopback5080Disabled()
    {
        var web = Load("dataFolder: data\n").Configuration!.Settings.Web;

        web.Enabled.ShouldBeFalse();
        web.Listen.ShouldBe(new Uri("http://127.0.0.1:5080"));
        web.TlsCertificatePath.ShouldBeNull();
    }

    [Fact]
    public void Load_BadWebSection_EveryProblemReportedAtItsLine()
    {
        var problems = Load("""
            web:
              enabled: sometimes
              listen: https://127.0.0.1:5443
              pathBase: monitor/
              port: 80
            """).Problems.Select(p => p.ToString()).ToList();

        problems.ShouldContain(p => p.Contains("monitor.yaml:2:", StringComparison.Ordinal) && p.Contains("true or false", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("monitor.yaml:3:", StringComparison.Ordinal) && p.Contains("tlsCertificatePath", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("monitor.yaml:4:", StringComparison.Ordinal) && p.Contains("pathBase", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("unknown key 'port'", StringComparison.Ordinal));
    }

    private PipelineLoadResult Load(string monitorYaml)
    {
        temp.Write("pipelines/stations/alpha.yaml", """
            id: alpha
            name: Đài Alpha
            province: Alpha
            cluster: cum-2
            channels:
              - id: alpha-web
                kind: website
                baseUrl: https://alpha.vn/
            """);
        temp.Write("pipelines/monitor.yaml", monitorYaml);
        return PipelineLoader.Load(temp.File("pipelines"));
    }
}
