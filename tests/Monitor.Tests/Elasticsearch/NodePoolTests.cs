using Monitor.Replay.Elasticsearch;
using Monitor.Pipeline;
using Monitor.Storage;

namespace Monitor.Tests.Elasticsearch;

/// <summary>Several node URLs: the client's pool fails over, our backoff waits out a whole-cluster outage; nothing is lost or doubled.</summary>
public sealed class NodePoolTests
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
    public async Task SaveAsync_TwoNodesOneDeadFromTheStartOtherDyingMidRun_EveryDocumentExactlyOnce()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        await using var node = NodeProxy.Start(es.StandIn.Url);
        var options = es.Options(o => o with { Urls = [NodeProxy.DeadUrl(), node.Url], MaxBatchDocuments = 7 });
        var store = await es.InitializedStoreAsync(options);
        DateTimeOffset? outageEnds = null;
        node.IsDown = () => outageEnds is { } end && es.Clock.GetUtcNow() < end;
        var bulkCalls = 0;
        es.StandIn.Faults.Request = r =>
        {
            if (IsBulk(r) && ++bulkCalls == 2)
            {
                // The live node dies with the second bulk in flight, after the cluster applied it,
                // and stays down for a fake minute: both nodes are gone for that long.
                outageEnds = es.Clock.GetUtcNow().AddMinutes(1);
                node.ResetAll();
            }

            return null;
        };
        var batch = ElasticsearchSamples.Batch(6);

        var result = await store.SaveAsync(batch);

        ShouldHoldExactly(es, batch);
        result.NewItems.ShouldBe(6);
        es.Clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
        es.StandIn.Requests.Count(IsBulk).ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task SaveAsync_TwoLiveNodesOneDyingMidRun_FailsOverAndEveryDocumentExactlyOnce()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        await using var node = NodeProxy.Start(es.StandIn.Url);
        var options = es.Options(o => o with { Urls = [node.Url, es.StandIn.Url], MaxBatchDocuments = 7 });
        var store = await es.InitializedStoreAsync(options);
        var dead = false;
        node.IsDown = () => dead;
        var bulkCalls = 0;
        es.StandIn.Faults.Request = r =>
        {
            if (IsBulk(r) && ++bulkCalls == 3)
            {
                dead = true;
                node.ResetAll();
            }

            return null;
        };
        var batch = ElasticsearchSamples.Batch(6);

        await store.SaveAsync(batch);

        ShouldHoldExactly(es, batch);
        dead.ShouldBeTrue();
    }

    [Fact]
    public async Task InitializeAsync_EveryNodeDead_SaysWhichNodesItTried()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var first = NodeProxy.DeadUrl();
        var second = NodeProxy.DeadUrl();

        var error = await Should.ThrowAsync<StoreUnavailableException>(() => es.Store(es.Options(o => o with { Urls = [first, second], MaxAttempts = 2 })).InitializeAsync());

        error.Message.ShouldContain("Cannot reach Elasticsearch");
        error.Message.ShouldContain(first.ToString());
        error.Message.ShouldContain(second.ToString());
    }
}
