using System.Text.Json.Nodes;
using Monitor.Pipeline;
using Monitor.Replay.Elasticsearch;
using Monitor.Storage.Elasticsearch;

namespace Monitor.Tests.Elasticsearch;

/// <summary>The bulk writer against a misbehaving cluster: the final state must hold every document exactly once.</summary>
public sealed class BulkFaultTests
{
    private static bool IsBulk(RecordedRequest request) => request.Path == "/_bulk";

    private static void ShouldHoldExactly(ElasticsearchFixture es, ContentBatch batch)
    {
        es.StandIn.Documents("mm-items").Keys.ShouldBe(batch.Items.Select(i => i.Id), ignoreOrder: true);
        es.StandIn.Documents("mm-observations").Count.ShouldBe(batch.Observations.Count);
        es.StandIn.Documents("mm-observations").Keys.ShouldAllBe(k => !k.Contains('#', StringComparison.Ordinal));
        es.StandIn.Documents("mm-comments").Keys.ShouldBe(batch.Comments.Select(c => c.Id), ignoreOrder: true);
        es.StandIn.Documents("mm-assessments").Count.ShouldBe(batch.Assessments.Count);
        es.StandIn.Documents("mm-flags").Count.ShouldBe(batch.Flags.Count);
    }

    [Fact]
    public async Task SaveAsync_MixedItemResults_Retries429OnlyCounts409DoneAndDeadLetters400()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var batch = ElasticsearchSamples.Batch(4);
        await store.SaveAsync(ElasticsearchSamples.Batch(1));
        var rejected = new HashSet<string>();
        es.StandIn.Faults.BulkItem = item => item switch
        {
            { Target: "mm-comments", Position: var p } when p % 2 == 0 && rejected.Add(item.Id) => 429,
            { Target: "mm-observations" } when item.Id == ContentDocuments.ObservationId(batch.Observations[^1]) => 400,
            _ => null,
        };

        var result = await store.SaveAsync(batch);

        result.NewItems.ShouldBe(3);
        result.UnchangedItems.ShouldBe(1);
        result.Observations.ShouldBe(5); // 2 already there (409 on create = done), 1 dead-lettered
        var bulkBodies = es.StandIn.Requests.Where(IsBulk).Select(r => System.Text.Encoding.UTF8.GetString(r.Body)).ToList();
        bulkBodies.Count.ShouldBe(3); // the earlier save, the batch, and one retry
        bulkBodies[^1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(rejected.Count * 2);
        es.StandIn.Documents("mm-comments").Count.ShouldBe(8);
        es.StandIn.Documents("mm-observations").Count.ShouldBe(7);
        var deadLetter = JsonNode.Parse(File.ReadAllLines(es.DeadLetterPath).Single())!;
        deadLetter["status"]!.GetValue<int>().ShouldBe(400);
        deadLetter["error_type"]!.ToString().ShouldBe("document_parsing_exception");
        deadLetter["id"]!.ToString().ShouldBe(ContentDocuments.ObservationId(batch.Observations[^1]));
        deadLetter["source"]!["item_id"]!.ToString().ShouldBe(batch.Observations[^1].ItemId);
    }

    [Fact]
    public async Task SaveAsync_429Storm_WaitsWithBackoffAndStoresEverythingOnce()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var bulkCalls = 0;
        es.StandIn.Faults.Request = r => IsBulk(r) && ++bulkCalls <= 6 ? RequestFault.Answer(429) : null;
        var batch = ElasticsearchSamples.Batch(5);

        await store.SaveAsync(batch);

        ShouldHoldExactly(es, batch);
        es.Clock.Waits.Count.ShouldBe(6);
        es.Clock.Waits.Zip(es.Clock.Waits.Skip(1)).Take(4).ShouldAllBe(pair => pair.Second > pair.First * 1.0 / 2);
        es.Clock.Waits.ShouldAllBe(w => w <= TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task SaveAsync_Honours429RetryAfter()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var first = true;
        es.StandIn.Faults.Request = r => IsBulk(r) && first && !(first = false) ? RequestFault.Answer(429, TimeSpan.FromSeconds(30)) : null;

        await store.SaveAsync(ElasticsearchSamples.Batch(1));

        es.Clock.Waits.ShouldBe([TimeSpan.FromSeconds(30)]);
    }

    [Fact]
    public async Task SaveAsync_503ForAFakeMinute_RetriesUntilTheClusterIsBack()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var outageEnds = es.Clock.GetUtcNow().AddMinutes(1);
        es.StandIn.Faults.Request = r => es.Clock.GetUtcNow() < outageEnds ? RequestFault.Answer(503) : null;
        var batch = ElasticsearchSamples.Batch(5);

        await store.SaveAsync(batch);

        es.Clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
        ShouldHoldExactly(es, batch);
    }

    [Fact]
    public async Task SaveAsync_ConnectionDroppedAfterTheClusterAppliedTheBulk_ResendsAndKeepsOneCopy()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync(es.Options(o => o with { MaxBatchDocuments = 10 }));
        var bulkCalls = 0;
        es.StandIn.Faults.Request = r => IsBulk(r) && ++bulkCalls is 1 or 3 ? new RequestFault { DropAfterApplying = true } : null;
        var batch = ElasticsearchSamples.Batch(4);

        var result = await store.SaveAsync(batch);

        ShouldHoldExactly(es, batch);
        result.Observations.ShouldBeLessThan(batch.Observations.Count); // some were applied before the drop: 409 on resend
        es.Clock.Waits.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SaveAsync_ConnectionDroppedBeforeApplying_Resends()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var first = true;
        es.StandIn.Faults.Request = r => IsBulk(r) && first && !(first = false) ? new RequestFault { DropBeforeApplying = true } : null;
        var batch = ElasticsearchSamples.Batch(3);

        var result = await store.SaveAsync(batch);

        result.NewItems.ShouldBe(3);
        ShouldHoldExactly(es, batch);
    }

    [Fact]
    public async Task SaveAsync_WorkerKilledMidBatchAndRestarted_EveryDocumentExactlyOnce()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var options = es.Options(o => o with { MaxBatchDocuments = 7 });
        var batch = ElasticsearchSamples.Batch(6);
        using var kill = new CancellationTokenSource();
        var bulkCalls = 0;
        es.StandIn.Faults.Request = r =>
        {
            if (IsBulk(r) && ++bulkCalls == 2)
            {
                // The process dies while its second request is in flight: the cluster applies it, nobody reads the answer.
                kill.Cancel();
                return new RequestFault { DropAfterApplying = true };
            }

            return null;
        };
        var first = await es.InitializedStoreAsync(options);

        await Should.ThrowAsync<OperationCanceledException>(() => first.SaveAsync(batch, kill.Token));
        es.StandIn.Documents("mm-items").Count.ShouldBe(6);
        es.StandIn.Documents("mm-observations").Count.ShouldBeLessThan(batch.Observations.Count);

        // A new process: the runner never saw the save acknowledged, so it saves the same content again.
        es.StandIn.Faults.Request = null;
        var restarted = await es.InitializedStoreAsync(options);
        var result = await restarted.SaveAsync(batch);

        ShouldHoldExactly(es, batch);
        result.NewItems.ShouldBe(0);
        result.UnchangedItems.ShouldBe(6);
    }

    [Fact]
    public async Task SaveAsync_RetriesRunOut_ThrowsAndAcknowledgesNothing()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync(es.Options(o => o with { MaxAttempts = 3 }));
        es.StandIn.Faults.BulkItem = item => item.Target == "mm-items" ? 429 : null;

        var error = await Should.ThrowAsync<ElasticsearchException>(() => store.SaveAsync(ElasticsearchSamples.Batch(2)));

        error.IsTransient.ShouldBeTrue();
        error.Message.ShouldContain("2 document(s) still not accepted after 3 attempts");
        es.StandIn.Documents("mm-items").ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAsync_MissingAlias_FailsWithTheReasonInsteadOfAutoCreating()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = es.Store(); // not initialised: no aliases

        var error = await Should.ThrowAsync<ElasticsearchException>(() => store.SaveAsync(ElasticsearchSamples.Batch(1, 0, 0) with { Assessments = [], Flags = [] }));

        error.Message.ShouldContain("index_not_found_exception");
        error.Message.ShouldContain("require_alias");
        es.StandIn.IndexNames.ShouldBeEmpty();
    }

    [Fact]
    public async Task SaveAsync_RequestTooLarge_SplitsTheBatch()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        es.StandIn.Faults.Request = r => IsBulk(r) && r.Body.Length > 6000 ? RequestFault.Answer(413) : null;
        var batch = ElasticsearchSamples.Batch(6);

        await store.SaveAsync(batch);

        ShouldHoldExactly(es, batch);
        es.StandIn.Requests.Where(IsBulk).Count(r => r.Body.Length <= 6000).ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task SaveAsync_SlowerThanTheTimeout_RetriesAndSucceeds()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync(es.Options(o => o with { RequestTimeout = TimeSpan.FromMilliseconds(300) }));
        var first = true;
        es.StandIn.Faults.Request = r => IsBulk(r) && first && !(first = false) ? new RequestFault { Delay = TimeSpan.FromSeconds(2) } : null;
        var batch = ElasticsearchSamples.Batch(2);

        await store.SaveAsync(batch);

        ShouldHoldExactly(es, batch);
    }

    [Fact]
    public async Task SaveAsync_LargeBacklog_SendsBatchesNoBiggerThanTheLimits()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync(es.Options(o => o with { MaxBatchBytes = 64 * 1024, MaxBatchDocuments = 300 }));
        var batch = ElasticsearchSamples.Batch(400);

        await store.SaveAsync(batch);

        var bulks = es.StandIn.Requests.Where(IsBulk).ToList();
        bulks.Count.ShouldBeGreaterThan(5);
        bulks.ShouldAllBe(r => r.Body.Length < (64 * 1024) + 4096);
        bulks.ShouldAllBe(r => r.Body.Count(b => b == (byte)'\n') <= 600);
        ShouldHoldExactly(es, batch);
    }
}
