using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Tests.Support;

namespace Monitor.Tests.Elasticsearch;

/// <summary>The whole demo into the Elasticsearch stand-in: every request conforms to the spec, and a second run adds no items.</summary>
public sealed class DemoConformanceTests
{
    [Fact]
    public async Task Demo_StoreElasticsearch_EveryRequestConformsAndReRunAddsNoItems()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        // Its own crawl-state file: the default data/demo.db beside the tests may hold an earlier run's seen-set.
        using var temp = new TempFolder();
        var args = new[] { "demo", "--store", "elasticsearch", "--es-url", es.StandIn.Url.ToString(), "--pipelines", RepositoryPaths.Pipelines, "--db", temp.File("demo.db") };

        var first = await CliRun.InvokeAsync(args);
        var items = es.StandIn.Documents("mm-items").Count;
        var observations = es.StandIn.Documents("mm-observations").Count;
        var second = await CliRun.InvokeAsync(args);

        first.Error.ShouldNotContain("Elasticsearch store at");
        first.ExitCode.ShouldBe(0, first.Output + first.Error);
        first.Output.ShouldContain($"Store {es.StandIn.Url}");

        // Whatever the collectors on this build found (the cycle line says how many new items, and each later
        // social round of the demo clock how many new posts appeared) is exactly what Elasticsearch holds.
        var reported = Regex.Matches(first.Output, @"(\d+) new (?:items|posts)");
        reported.Count.ShouldBeGreaterThan(0, first.Output);
        items.ShouldBe(reported.Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        items.ShouldBeGreaterThanOrEqualTo(267, "every replayed article, plus the social posts");
        observations.ShouldBeGreaterThan(0);
        es.StandIn.DataStreamNames.Count.ShouldBe(2);
        second.ExitCode.ShouldBe(0, second.Output + second.Error);
        es.StandIn.Documents("mm-items").Count.ShouldBe(items);
        File.Exists(es.DeadLetterPath).ShouldBeFalse();
        RequestConformance.ShouldConform(es.StandIn.Requests);
    }
}
