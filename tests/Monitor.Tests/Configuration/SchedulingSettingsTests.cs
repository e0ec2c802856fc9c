using Monitor.Configuration;
using Monitor.Tests.Support;

namespace Monitor.Tests.Configuration;

/// <summary><c>scheduling:</c>, <c>metrics:</c> and <c>social:</c> in monitor.yaml: the cluster's settings, validated with the rest.</summary>
public sealed class SchedulingSettingsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private PipelineLoadResult Load(string monitor)
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
                profile: alpha
            """);
        temp.Write("pipelines/profiles/alpha.yaml", "name: alpha\n");
        temp.Write("pipelines/monitor.yaml", monitor);
        return PipelineLoader.Load(temp.File("pipelines"));
    }

    [Fact]
    public void Load_NoSchedulingSection_SqliteSchedulerAndNoMetrics()
    {
        var settings = Load("dataFolder: data\n").GetValidConfiguration().Settings;

        settings.Scheduling.Store.ShouldBe(SchedulingStore.Sqlite);
        settings.Scheduling.ConnectionStringEnv.ShouldBe("MONITOR_PG");
        settings.Metrics.Listen.ShouldBeNull();
        settings.Social.YouTubeDailyQuota.ShouldBe(10_000);
    }

    [Fact]
    public void Load_PostgresWithElasticsearch_EverySettingRead()
    {
        var settings = Load("""
            store: { kind: elasticsearch, elasticsearch: { url: https://es:9200/ } }
            scheduling: { store: postgres, connectionStringEnv: CLUSTER_PG, checkinInterval: 2s, misfireThreshold: 30s }
            metrics: { listen: http://127.0.0.1:9464 }
            social: { youtubeDailyQuota: 40 }
            """).GetValidConfiguration().Settings;

        settings.Scheduling.ShouldBe(new SchedulingSettings
        {
            Store = SchedulingStore.Postgres, ConnectionStringEnv = "CLUSTER_PG", CheckinInterval = TimeSpan.FromSeconds(2), MisfireThreshold = TimeSpan.FromSeconds(30),
        });
        settings.Metrics.Listen.ShouldBe(new Uri("http://127.0.0.1:9464"));
        settings.Social.YouTubeDailyQuota.ShouldBe(40);
    }

    [Fact]
    public void Load_BadSchedulingValues_EveryProblemReportedAtItsLine()
    {
        var problems = Load("""
            scheduling:
              store: mysql
              connectionStringEnv: "Host=db;Password=hunter2"
              checkinInterval: 10ms
              misfireThreshold: soon
              extra: 1
            metrics: { listen: http://127.0.0.1:9464/metrics }
            """).Problems.Select(p => p.ToString()).ToList();

        problems.ShouldContain(p => p.Contains(":2:", StringComparison.Ordinal) && p.Contains("'sqlite' or 'postgres'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains(":3:", StringComparison.Ordinal) && p.Contains("NAME of an environment variable", StringComparison.Ordinal) && !p.Contains("hunter2", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains(":4:", StringComparison.Ordinal) && p.Contains("checkinInterval", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains(":5:", StringComparison.Ordinal) && p.Contains("misfireThreshold", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("extra", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("without a path", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_PostgresSchedulingWithSqliteContent_Refused()
    {
        var problems = Load("scheduling: { store: postgres }\n").Problems;

        problems.ShouldContain(p => p.Message.Contains("store.kind to 'elasticsearch'", StringComparison.Ordinal));
    }
}
