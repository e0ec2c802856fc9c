using Monitor.Pipeline;
using Monitor.Replay.Elasticsearch;

namespace Monitor.Tests.Elasticsearch;

/// <summary>Every request the worker sends matches the official REST spec; every bulk body is valid NDJSON.</summary>
public sealed class ConformanceTests
{
    [Fact]
    public void RestSpec_SharedFolder_LoadsBothFileFormats()
    {
        var spec = RestSpec.Load();

        spec.EndpointCount.ShouldBeGreaterThan(60);
        spec.Violation(new RecordedRequest("POST", "/_bulk", [new("refresh", "wait_for")], null, null, null, [])).ShouldBeNull();
        spec.Violation(new RecordedRequest("POST", "/_bulk", [new("flush", "true")], null, null, null, [])).ShouldNotBeNull();
        spec.Violation(new RecordedRequest("PATCH", "/mm-items", [], null, null, null, [])).ShouldNotBeNull();
        spec.Violation(new RecordedRequest("POST", "/mm-items/_search", [new("size", "0")], null, null, null, [])).ShouldBeNull();
    }

    [Fact]
    public async Task FullStoreExercise_EveryRequest_MatchesTheSpec()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync(es.Options(o => o with { MaxBatchDocuments = 50 }));
        await store.InitializeAsync();
        var batch = ElasticsearchSamples.Batch(40);
        var calls = 0;
        es.StandIn.Faults.BulkItem = item => ++calls % 13 == 0 ? 429 : null;
        await store.SaveAsync(batch);
        await store.SaveAsync(batch);
        await store.SaveAsync(ContentBatch.Empty with { Observations = [new Monitor.Domain.Observation(batch.Items[0].Id, ElasticsearchSamples.Published.AddDays(2), TimeSpan.FromDays(2), 900, 80, 9, 4)] });
        await store.GetStatsAsync();
        (await store.ReadItemsAsync().CountAsync()).ShouldBe(40);
        (await store.ReadObservationsAsync().CountAsync()).ShouldBe(81);
        (await store.ReadCommentsAsync().CountAsync()).ShouldBe(80);

        RequestConformance.ShouldConform(es.StandIn.Requests);
    }
}
