using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Monitor.Tests.Elasticsearch;

/// <summary>
/// The stand-in's search answers what the summaries' queries send the way Elasticsearch does
/// (date_histogram by local day, search_after on a date), and refuses what it does not implement
/// with Elasticsearch's error shape instead of answering something else.
/// </summary>
public sealed class StandInSearchTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient http = new();
    private ElasticsearchFixture es = null!;

    public async Task InitializeAsync()
    {
        es = await ElasticsearchFixture.StartAsync();
        await es.InitializedStoreAsync();
        http.BaseAddress = es.StandIn.Url;

        // 16:30 and 17:30 UTC: the same day in UTC, two days at +07:00.
        string[] times = ["2026-11-01T16:30:00Z", "2026-11-01T17:30:00Z", "2026-11-03T01:00:00Z"];
        for (var i = 0; i < times.Length; i++)
        {
            var put = await http.PutAsJsonAsync($"mm-summaries/_doc/s{i}", new JsonObject { ["id"] = $"s{i}", ["at"] = times[i], ["engagement"] = 10 * (i + 1) });
            put.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync() => await es.DisposeAsync();

    public void Dispose() => http.Dispose();

    [Theory]
    [InlineData("+07:00", 1, "2026-11-01:1:10 2026-11-02:1:20 2026-11-03:1:30")]
    [InlineData("Z", 1, "2026-11-01:2:30 2026-11-03:1:30")]
    [InlineData("Z", 0, "2026-11-01:2:30 2026-11-02:0:0 2026-11-03:1:30")]
    public async Task Search_DateHistogramByDay_BucketsOfTheLocalDay(string zone, int minDocCount, string expected)
    {
        var body = new JsonObject
        {
            ["size"] = 0,
            ["aggs"] = new JsonObject
            {
                ["days"] = new JsonObject
                {
                    ["date_histogram"] = new JsonObject { ["field"] = "at", ["calendar_interval"] = "day", ["time_zone"] = zone, ["format"] = "yyyy-MM-dd", ["min_doc_count"] = minDocCount },
                    ["aggs"] = new JsonObject { ["engagement"] = new JsonObject { ["sum"] = new JsonObject { ["field"] = "engagement" } } },
                },
            },
        };

        var (status, answer) = await SearchAsync(body);

        status.ShouldBe(HttpStatusCode.OK);
        var buckets = answer["aggregations"]!["days"]!["buckets"]!.AsArray();
        string.Join(' ', buckets.Select(b => $"{b!["key_as_string"]}:{b["doc_count"]}:{b["engagement"]!["value"]}")).ShouldBe(expected);
        var midnight = new DateTimeOffset(2026, 11, 1, 0, 0, 0, zone == "Z" ? TimeSpan.Zero : TimeSpan.FromHours(7));
        buckets[0]!["key"]!.GetValue<long>().ShouldBe(midnight.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Search_SearchAfterOnADate_OnlyTheLaterOnes()
    {
        var body = new JsonObject
        {
            ["query"] = new JsonObject { ["range"] = new JsonObject { ["engagement"] = new JsonObject { ["gt"] = 0 } } },
            ["sort"] = new JsonArray(new JsonObject { ["at"] = "desc" }, new JsonObject { ["id"] = "desc" }),
            ["search_after"] = new JsonArray(DateTimeOffset.Parse("2026-11-01T17:30:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), "s1"),
        };

        var (status, answer) = await SearchAsync(body);

        status.ShouldBe(HttpStatusCode.OK);
        answer["hits"]!["hits"]!.AsArray().Select(h => h!["_id"]!.GetValue<string>()).ShouldBe(["s0"]);
    }

    [Fact]
    public async Task Search_SourceExcludes_HitsWithoutThoseFields()
    {
        var (status, answer) = await SearchAsync(new JsonObject { ["_source"] = new JsonObject { ["excludes"] = new JsonArray("engagement") } });

        status.ShouldBe(HttpStatusCode.OK);
        answer["hits"]!["hits"]!.AsArray().Select(h => string.Join(',', h!["_source"]!.AsObject().Select(p => p.Key))).ShouldAllBe(keys => keys == "id,at");
    }

    [Theory]
    [InlineData("""{"_source":{"includes":["snap*"]}}""", "parsing_exception")]
    [InlineData("""{"highlight":{"fields":{"title":{}}}}""", "parsing_exception")]
    [InlineData("""{"aggs":{"s":{"terms":{"field":"id","order":{"_key":"asc"}}}}}""", "x_content_parse_exception")]
    [InlineData("""{"aggs":{"s":{"percentiles":{"field":"engagement"}}}}""", "parsing_exception")]
    [InlineData("""{"aggs":{"d":{"date_histogram":{"field":"at","fixed_interval":"1h"}}}}""", "x_content_parse_exception")]
    [InlineData("""{"aggs":{"d":{"date_histogram":{"field":"at","calendar_interval":"day","time_zone":"Asia/Ho_Chi_Minh"}}}}""", "illegal_argument_exception")]
    [InlineData("""{"query":{"range":{"at":{"gte":"now-1d","format":"strict_date"}}}}""", "parsing_exception")]
    [InlineData("""{"query":{"wildcard":{"id":"s*"}}}""", "parsing_exception")]
    [InlineData("""{"from":9999,"size":2}""", "illegal_argument_exception")]
    [InlineData("""{"sort":[{"id":"asc"}],"search_after":["s0",1]}""", "illegal_argument_exception")]
    [InlineData("""{"sort":[{"id":{"order":"asc","unmapped_type":"keyword"}}]}""", "x_content_parse_exception")]
    public async Task Search_NotImplemented_RefusedWithElasticsearchErrorShape(string body, string type)
    {
        var (status, answer) = await SearchAsync(JsonNode.Parse(body)!.AsObject());

        status.ShouldBe(HttpStatusCode.BadRequest);
        answer["error"]!["type"]!.GetValue<string>().ShouldBe(type);
        answer["error"]!["root_cause"]!.AsArray().ShouldNotBeEmpty();
        answer["status"]!.GetValue<int>().ShouldBe(400);
    }

    private async Task<(HttpStatusCode Status, JsonNode Answer)> SearchAsync(JsonObject body)
    {
        using var response = await http.PostAsJsonAsync("mm-summaries/_search", body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
