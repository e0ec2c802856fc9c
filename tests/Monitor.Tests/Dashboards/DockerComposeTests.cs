using System.Diagnostics;
using Monitor.Configuration;
using Monitor.Tests.Support;
using Monitor.Worker.Commands;
using YamlDotNet.RepresentationModel;

namespace Monitor.Tests.Dashboards;

/// <summary>docker-compose.yml checked offline: structure, security, health checks, mounts, and commands the worker understands.</summary>
public sealed class DockerComposeTests
{
    private static YamlMappingNode Compose()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)((YamlMappingNode)Compose()["services"])[name];

    private static IEnumerable<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(c => ((YamlScalarNode)c).Value!);

    [Fact]
    public void Compose_Services_AreTheScaledOutSetup()
    {
        var services = ((YamlMappingNode)Compose()["services"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();

        services.ShouldBe(["certs", "elasticsearch", "kibana-password", "kibana", "setup", "postgres", "worker"], ignoreOrder: true);
        var declaredVolumes = ((YamlMappingNode)Compose()["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        foreach (var service in services)
        {
            var node = Service(service!);
            if (node.Children.TryGetValue("depends_on", out var dependsOn))
            {
                ((YamlMappingNode)dependsOn).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldAllBe(d => services.Contains(d));
            }

            if (node.Children.TryGetValue("volumes", out var volumes))
            {
                foreach (var volume in Strings(volumes).Select(v => v.Split(':')[0]).Where(v => !v.StartsWith('.')))
                {
                    declaredVolumes.ShouldContain(volume);
                }
            }
        }
    }

    [Fact]
    public void Elasticsearch_SingleNodeWithSecurityTlsAndHealthcheck()
    {
        var elasticsearch = Service("elasticsearch");
        var environment = Strings(elasticsearch["environment"]).ToList();

        environment.ShouldContain("discovery.type=single-node");
        environment.ShouldContain("xpack.security.enabled=true");
        environment.ShouldContain("xpack.security.http.ssl.enabled=true");
        environment.ShouldContain(e => e.StartsWith("ELASTIC_PASSWORD=${ELASTIC_PASSWORD:?", StringComparison.Ordinal));
        Strings(((YamlMappingNode)elasticsearch["healthcheck"])["test"]).Last().ShouldContain("wait_for_status=yellow");
        Strings(elasticsearch["volumes"]).ShouldContain(v => v.StartsWith("esdata:", StringComparison.Ordinal));
        Strings(elasticsearch["ports"]).ShouldAllBe(p => p.StartsWith("127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Worker_BuiltFromTheDockerfileWithPipelinesAndDataMounted()
    {
        ((YamlScalarNode)Service("setup")["build"]).Value.ShouldBe(".");
        File.Exists(Path.Combine(RepositoryPaths.Root, "Dockerfile")).ShouldBeTrue();
        var worker = Service("worker");
        ((YamlScalarNode)worker["image"]).Value.ShouldBe(((YamlScalarNode)Service("setup")["image"]).Value);
        var volumes = Strings(worker["volumes"]).ToList();
        volumes.ShouldContain("./pipelines:/app/pipelines:ro");
        volumes.ShouldContain(v => v.StartsWith("workerdata:/app/data", StringComparison.Ordinal));
        worker.Children.ContainsKey("scale").ShouldBeFalse();
    }

    [Fact]
    public void Worker_ThreeReplicasOnThePostgresSchedule()
    {
        var worker = Service("worker");
        ((YamlScalarNode)((YamlMappingNode)worker["deploy"])["replicas"]).Value.ShouldBe("3");
        var dependsOn = (YamlMappingNode)worker["depends_on"];
        ((YamlScalarNode)((YamlMappingNode)dependsOn["postgres"])["condition"]).Value.ShouldBe("service_healthy");
        Strings(worker["environment"]).ShouldContain(e => e.StartsWith("MONITOR_PG=Host=postgres;", StringComparison.Ordinal) && e.Contains("${POSTGRES_PASSWORD:?", StringComparison.Ordinal));
        worker.Children.ContainsKey("ports").ShouldBeFalse("replicas cannot share a published host port");

        var postgres = Service("postgres");
        ((YamlScalarNode)postgres["image"]).Value.ShouldBe("postgres:15");
        Strings(((YamlMappingNode)postgres["healthcheck"])["test"]).Last().ShouldContain("pg_isready");
        Strings(postgres["volumes"]).ShouldContain(v => v.StartsWith("pgdata:", StringComparison.Ordinal));
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".env.example")).ShouldContain("POSTGRES_PASSWORD=");
    }

    [Fact]
    public void SetupService_Commands_ParseWithTheWorkersCommandLine()
    {
        var script = ((YamlScalarNode)((YamlSequenceNode)Service("setup")["command"]).Children[0]).Value!;
        var invocations = script.Split("&&").Select(part => part.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        invocations.Count.ShouldBe(2);
        foreach (var words in invocations)
        {
            words[..2].ShouldBe(["dotnet", "Monitor.Worker.dll"]);
            var parse = MonitorCli.Create().Parse(words[2..]);
            parse.Errors.ShouldBeEmpty(string.Join(" ", words));
        }

        invocations[0][2..4].ShouldBe(["setup", "elasticsearch"]);
        invocations[1][2..4].ShouldBe(["setup", "kibana"]);
    }

    [Fact]
    public void ComposeMonitorYaml_WithTheRealStations_LoadsAsAnElasticsearchStore()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-compose-").FullName;
        try
        {
            foreach (var sub in Directory.GetDirectories(RepositoryPaths.Pipelines))
            {
                CopyFolder(sub, Path.Combine(folder, Path.GetFileName(sub)));
            }

            File.Copy(Path.Combine(RepositoryPaths.Root, "deploy", "monitor.compose.yaml"), Path.Combine(folder, "monitor.yaml"));

            var result = PipelineLoader.Load(folder);

            result.Problems.ShouldBeEmpty();
            var store = result.Configuration!.Settings.Store;
            store.Kind.ShouldBe(StoreKind.Elasticsearch);
            store.Elasticsearch.Url.ShouldBe(new Uri("https://elasticsearch:9200/"));
            store.Elasticsearch.CaCertificatePath.ShouldBe("/certs/ca/ca.crt");
            var scheduling = result.Configuration.Settings.Scheduling;
            scheduling.Store.ShouldBe(SchedulingStore.Postgres);
            scheduling.ConnectionStringEnv.ShouldBe("MONITOR_PG");
            result.Configuration.Settings.Metrics.Listen.ShouldBe(new Uri("http://0.0.0.0:9464"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task DockerComposeConfig_WhenTheClientIsInstalled_AcceptsTheFile()
    {
        var client = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists);
        if (client is null)
        {
            // The structural tests above still run; `docker-compose config` is an extra check where Debian's client exists.
            return;
        }

        var start = new ProcessStartInfo(client, ["--env-file", ".env.example", "config", "-q"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(0, error);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var sub in Directory.GetDirectories(from))
        {
            CopyFolder(sub, Path.Combine(to, Path.GetFileName(sub)));
        }
    }
}
