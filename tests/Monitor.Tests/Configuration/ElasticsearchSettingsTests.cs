using Monitor.Configuration;
using Monitor.Storage.Elasticsearch;
using Monitor.Tests.Support;

namespace Monitor.Tests.Configuration;

/// <summary><c>store.elasticsearch</c>: one url or a list of urls, and a CA file or a certificate fingerprint.</summary>
public sealed class ElasticsearchSettingsTests : IDisposable
{
    private const string Fingerprint = "A5:2F:3D:89:7A:0C:11:B4:9E:6D:52:F0:1C:8B:3A:77:90:DE:44:21:5B:C3:0F:9A:6E:12:D8:4C:B7:03:E5:F6";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private PipelineLoadResult Load(string store)
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
        temp.Write("pipelines/monitor.yaml", store);
        return PipelineLoader.Load(temp.File("pipelines"));
    }

    [Fact]
    public void Load_UrlsList_EveryNodeKeptInOrderAndPassedToTheClientOptions()
    {
        var settings = Load($"""
            store:
              kind: elasticsearch
              elasticsearch:
                urls: [https://es-1.cum2.local:9200, https://es-2.cum2.local:9200, https://es-3.cum2.local:9200]
                certificateFingerprint: "{Fingerprint}"
            """).GetValidConfiguration().Settings;

        settings.Store.Elasticsearch.Urls.Select(u => u.Host).ShouldBe(["es-1.cum2.local", "es-2.cum2.local", "es-3.cum2.local"]);
        var options = ElasticsearchOptionsFactory.FromSettings(settings.Store.Elasticsearch, "data", []);
        options.Urls.Count.ShouldBe(3);
        options.Url.Host.ShouldBe("es-1.cum2.local");
        options.CertificateFingerprint.ShouldBe(Fingerprint);
        new ElasticsearchOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Load_SingleUrl_StillWorks()
    {
        var settings = Load("""
            store:
              kind: elasticsearch
              elasticsearch: { url: "http://localhost:9200" }
            """).GetValidConfiguration().Settings;

        ElasticsearchOptionsFactory.FromSettings(settings.Store.Elasticsearch, "data", []).Urls.ShouldBe([new Uri("http://localhost:9200")]);
    }

    [Fact]
    public void Load_BadNodeSettings_EachReportedAtItsLine()
    {
        var result = Load("""
            store:
              kind: elasticsearch
              elasticsearch:
                url: http://localhost:9200
                urls: [http://es-1:9200, "/relative"]
                certificateFingerprint: "not-a-fingerprint"
                caCertificatePath: /certs/ca.crt
            """);

        result.IsValid.ShouldBeFalse();
        var report = string.Join(Environment.NewLine, result.Problems);
        report.ShouldContain("url (one node) or urls (several), not both");
        report.ShouldContain("absolute http(s) URL");
        report.ShouldContain("SHA-256 fingerprint");
        report.ShouldContain("caCertificatePath or certificateFingerprint, not both");
        result.Problems.ShouldContain(p => p.Line == 6 && p.Message.Contains("SHA-256", StringComparison.Ordinal), report);
    }

    [Fact]
    public void Validate_MixedSchemesAndRepeatedNode_Refused()
    {
        var options = new ElasticsearchOptions { Urls = [new Uri("https://es-1:9200"), new Uri("http://es-2:9200"), new Uri("https://es-1:9200")] };

        var failures = string.Join(" ", new ElasticsearchOptionsValidator().Validate(null, options).Failures ?? []);

        failures.ShouldContain("mixes http and https");
        failures.ShouldContain("same node twice");
    }
}
