using System.Text.Json.Nodes;
using Monitor.Replay.Elasticsearch;
using Monitor.Storage.Elasticsearch;
using Monitor.Tests.Elasticsearch;

namespace Monitor.Tests.Dashboards;

public sealed class ElasticsearchTemplateTests
{
    [Fact]
    public void Templates_EmbeddedInTheLibrary_MatchTheFilesOnDisk()
    {
        var embedded = ElasticsearchTemplates.All.Select(t => $"{t.Kind}/{t.Name}").Order(StringComparer.Ordinal);
        var onDisk = new[] { "ilm", "component", "index" }.SelectMany(k => TemplateMappings.Names(k).Select(n => $"{k}/{n}")).Order(StringComparer.Ordinal);

        embedded.ShouldBe(onDisk);
        ElasticsearchTemplates.All.Select(t => t.Kind).ShouldBe(ElasticsearchTemplates.All.Select(t => t.Kind).OrderBy(k => Array.IndexOf(["ilm", "component", "index"], k)));
    }

    [Fact]
    public void IndexTemplates_EveryAliasAndDataStream_HasOneWithStrictMappings()
    {
        foreach (var alias in ElasticsearchIndices.Aliases)
        {
            var template = TemplateMappings.Read("index", alias);
            template["index_patterns"]!.AsArray().Single()!.ToString().ShouldBe(alias + "-*");
            template["data_stream"].ShouldBeNull();
        }

        foreach (var stream in ElasticsearchIndices.DataStreams)
        {
            var template = TemplateMappings.Read("index", stream);
            template["data_stream"].ShouldNotBeNull();
            TemplateMappings.Properties(stream)["@timestamp"]!["type"]!.ToString().ShouldBe("date");
            template["composed_of"]!.AsArray().Select(c => c!.ToString()).ShouldContain("mm-timeseries-settings");
        }

        foreach (var name in TemplateMappings.Names("component").Where(n => n.EndsWith("-mappings", StringComparison.Ordinal)))
        {
            TemplateMappings.Read("component", name)["template"]!["mappings"]!["dynamic"]!.ToString().ShouldBe("strict");
        }
    }

    [Fact]
    public void IlmPolicy_NamedByTheTimeseriesSettings_Exists()
    {
        var policy = TemplateMappings.Read("component", "mm-timeseries-settings")["template"]!["settings"]!["index"]!["lifecycle"]!["name"]!.ToString();

        TemplateMappings.Names("ilm").ShouldContain(policy);
        TemplateMappings.Read("ilm", policy)["policy"]!["phases"]!["hot"]!["actions"]!["rollover"]!.AsObject().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void VietnameseAnalysis_FoldsWithAsciifoldingAfterLowercase_SameInEveryComponent()
    {
        var analyses = TemplateMappings.Names("component")
            .Select(n => TemplateMappings.Read("component", n)["template"]!["settings"]?["analysis"])
            .OfType<JsonNode>()
            .ToList();

        analyses.Count.ShouldBe(4);
        analyses.ShouldAllBe(a => JsonNode.DeepEquals(a, analyses[0]));
        var analyzer = analyses[0]["analyzer"]!["vi_folded"]!;
        analyzer["tokenizer"]!.ToString().ShouldBe("standard");
        var filters = analyzer["filter"]!.AsArray().Select(f => f!.ToString()).ToList();
        filters[0].ShouldBe("lowercase");
        analyses[0]["filter"]![filters[1]]!["type"]!.ToString().ShouldBe("asciifolding");
        analyses[0]["normalizer"]!["vi_keyword_folded"]!["filter"]!.AsArray().Select(f => f!.ToString()).ShouldBe(["lowercase", "asciifolding"]);
    }

    [Fact]
    public void TextFields_EveryOne_HasAFoldedSubField()
    {
        foreach (var template in ElasticsearchIndices.Aliases.Concat(ElasticsearchIndices.DataStreams))
        {
            foreach (var (name, mapping) in TemplateMappings.Properties(template))
            {
                if (mapping!["type"]?.ToString() == "text")
                {
                    mapping["fields"]?["folded"]?["analyzer"]?.ToString().ShouldBe("vi_folded", $"{template}.{name}");
                }
            }
        }
    }

    [Theory]
    [InlineData("thai nguyen", true)]
    [InlineData("THAI NGUYEN", true)]
    [InlineData("Thái Nguyên", true)]
    [InlineData("dac san", true)]
    [InlineData("thai binh", false)]
    public async Task FoldedField_UnaccentedQuery_FindsAccentedTitle(string query, bool found)
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        await store.SaveAsync(Monitor.Pipeline.ContentBatch.Empty with { Items = [ElasticsearchSamples.Item(1)] });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(es.StandIn.Url, "mm-items/_search"))
        {
            Content = new StringContent(
                new JsonObject { ["query"] = new JsonObject { ["match"] = new JsonObject { ["title.folded"] = new JsonObject { ["query"] = query, ["operator"] = "and" } } } }.ToJsonString(),
                System.Text.Encoding.UTF8,
                "application/json"),
        };

        using var response = await http.SendAsync(request);
        var hits = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["hits"]!["total"]!["value"]!.GetValue<int>();

        (hits == 1).ShouldBe(found);
    }

    [Fact]
    public void Folding_VietnameseLetters_FoldLikeAsciifolding()
    {
        StandInSearch.Fold("Đắk Lắk, Thái Nguyên, Hà Nội, Quảng Ninh, Điện Biên Phủ").ShouldBe("dak lak, thai nguyen, ha noi, quang ninh, dien bien phu");
    }
}
