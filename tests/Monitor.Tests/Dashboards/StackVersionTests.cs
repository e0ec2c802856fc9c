using System.Text.RegularExpressions;
using Monitor.Storage.Elasticsearch;
using Monitor.Tests.Support;

namespace Monitor.Tests.Dashboards;

/// <summary>docker-compose.yml runs one Elastic stack version, of the major the worker's client speaks.</summary>
public sealed partial class StackVersionTests
{
    [GeneratedRegex(@"image: docker\.elastic\.co/(?:elasticsearch/elasticsearch|kibana/kibana):\$\{STACK_VERSION:-(\d+)\.(\d+)\.(\d+)\}")]
    private static partial Regex StackImage();

    [Fact]
    public void Compose_EveryStackImage_SameNineXVersionAsEnvExample()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        var images = StackImage().Matches(compose);
        var envExample = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".env.example")).Single(l => l.StartsWith("STACK_VERSION=", StringComparison.Ordinal));

        images.Count.ShouldBe(4); // certs, elasticsearch, kibana-password, kibana
        compose.ShouldNotContain("STACK_VERSION:-8");
        var versions = images.Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}.{m.Groups[3].Value}").Distinct().ToList();
        versions.Count.ShouldBe(1);
        int.Parse(images[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(ElasticsearchCluster.SupportedMajor);
        envExample.ShouldBe($"STACK_VERSION={versions[0]}");
    }
}
