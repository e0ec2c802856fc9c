using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Tests.Elasticsearch;

public sealed class ElasticsearchContentStoreTests
{
    [Fact]
    public async Task InitializeAsync_FreshCluster_InstallsTemplatesAliasesAndDataStreams()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = es.Store();

        await store.InitializeAsync();
        await store.InitializeAsync();

        es.StandIn.IndexTemplateNames.ShouldBe(["mm-assessments", "mm-comments", "mm-flags", "mm-items", "mm-observations", "mm-summaries", "mm-triage"], ignoreOrder: true);
        es.StandIn.DataStreamNames.ShouldBe(["mm-observations", "mm-flags"], ignoreOrder: true);
        es.StandIn.IndexNames.ShouldContain("mm-items-000001");
        es.StandIn.IndexNames.ShouldContain("mm-triage-000001");
        es.StandIn.IndexNames.Count(n => n.StartsWith("mm-items", StringComparison.Ordinal)).ShouldBe(1);
        es.StandIn.Requests.Count(r => r.Method == "PUT" && r.Path == "/mm-items-000001").ShouldBe(1);
    }

    [Fact]
    public async Task SaveAsync_NewBatch_EveryDocumentStoredWithItsStationAndCluster()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var batch = ElasticsearchSamples.Batch(3);

        var result = await store.SaveAsync(batch);

        result.ShouldBe(new SaveResult(NewItems: 3, ChangedItems: 0, UnchangedItems: 0, Observations: 6, Comments: 6, Flags: 1));
        es.StandIn.Documents("mm-items").Count.ShouldBe(3);
        es.StandIn.Documents("mm-observations").Count.ShouldBe(6);
        es.StandIn.Documents("mm-comments").Count.ShouldBe(6);
        es.StandIn.Documents("mm-assessments").Count.ShouldBe(9);
        es.StandIn.Documents("mm-flags").Count.ShouldBe(1);
        var observation = es.StandIn.Documents("mm-observations").Values.First();
        observation["station_id"]!.ToString().ShouldBe("thai-nguyen");
        observation["cluster"]!.ToString().ShouldBe("cum-2");
        observation["engagement"]!.GetValue<long>().ShouldBeGreaterThan(0);
        var flag = es.StandIn.Documents("mm-flags").Values.Single();
        flag["url"]!.ToString().ShouldStartWith("https://thainguyentv.vn/");
        flag["title"]!.ToString().ShouldContain("Thái Nguyên");
        var item = es.StandIn.Documents("mm-items")[batch.Items[0].Id];
        item["title"]!.ToString().ShouldBe(batch.Items[0].Title);
    }

    [Fact]
    public async Task SaveAsync_SameBatchTwice_NoDuplicatesAndItemsCountedUnchanged()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var batch = ElasticsearchSamples.Batch(4);
        await store.SaveAsync(batch);

        var again = await store.SaveAsync(batch with { Items = [.. batch.Items.Select(i => i with { CollectedAt = i.CollectedAt.AddDays(1) })] });

        again.ShouldBe(new SaveResult(0, 0, 4, 0, 0, 0));
        es.StandIn.Documents("mm-items").Count.ShouldBe(4);
        es.StandIn.Documents("mm-observations").Count.ShouldBe(8);
        es.StandIn.Documents("mm-comments").Count.ShouldBe(8);
        es.StandIn.Documents("mm-flags").Count.ShouldBe(1);
    }

    [Fact]
    public async Task SaveAsync_BodyChanged_CountedAsChangedAndReplaced()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var original = ElasticsearchSamples.Item(1);
        await store.SaveAsync(ContentBatch.Empty with { Items = [original] });

        var edited = original with { Body = "Bài viết đã được cập nhật: lễ hội kéo dài thêm một ngày." };
        var result = await store.SaveAsync(ContentBatch.Empty with { Items = [edited] });

        result.ChangedItems.ShouldBe(1);
        es.StandIn.Documents("mm-items")[original.Id]["body"]!.ToString().ShouldBe(edited.Body);
        es.StandIn.Documents("mm-items")[original.Id]["collected_at"]!.GetValue<DateTimeOffset>().ShouldBe(original.CollectedAt);
    }

    [Fact]
    public async Task SaveAsync_ObservationOfItemSavedEarlier_CopiesStationFromStoredItem()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var item = ElasticsearchSamples.Item(5, station: "thanh-hoa");
        await store.SaveAsync(ContentBatch.Empty with { Items = [item] });

        await store.SaveAsync(ContentBatch.Empty with { Observations = [new Observation(item.Id, item.CollectedAt.AddHours(3), TimeSpan.FromHours(3), 500, 40, 5, 2)] });

        var observation = es.StandIn.Documents("mm-observations").Values.Single();
        observation["station_id"]!.ToString().ShouldBe("thanh-hoa");
        observation["cluster"]!.ToString().ShouldBe("cum-4");
        es.StandIn.Requests.ShouldContain(r => r.Path == "/mm-items/_mget");
    }

    [Fact]
    public async Task ReadAsync_AfterSave_ReturnsTheSameRecords()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        var batch = ElasticsearchSamples.Batch(3);
        await store.SaveAsync(batch);

        var items = await store.ReadItemsAsync().ToListAsync();
        var observations = await store.ReadObservationsAsync().ToListAsync();
        var comments = await store.ReadCommentsAsync().ToListAsync();

        items.OrderBy(i => i.Id, StringComparer.Ordinal).ShouldBe(batch.Items.OrderBy(i => i.Id, StringComparer.Ordinal));
        observations.ShouldBe(batch.Observations, ignoreOrder: true);
        comments.ShouldBe(batch.Comments, ignoreOrder: true);
    }

    [Fact]
    public async Task ReadItemsAsync_MoreThanOnePage_PagesWithSearchAfter()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        await store.SaveAsync(ElasticsearchSamples.Batch(1200, observationsPerItem: 0, commentsPerItem: 0) with { Assessments = [], Flags = [] });

        var items = await store.ReadItemsAsync().ToListAsync();

        items.Count.ShouldBe(1200);
        items.Select(i => i.Id).Distinct().Count().ShouldBe(1200);
        es.StandIn.Requests.Count(r => r.Path == "/mm-items/_search").ShouldBe(3);
    }

    [Fact]
    public async Task GetStatsAsync_TwoStations_GroupsPerStationAndPlatform()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var store = await es.InitializedStoreAsync();
        await store.SaveAsync(ElasticsearchSamples.Batch(3));
        await store.SaveAsync(ElasticsearchSamples.Batch(2, start: 10, station: "thanh-hoa"));

        var stats = await store.GetStatsAsync();

        stats.Items.ShouldBe(5);
        stats.Observations.ShouldBe(10);
        stats.Comments.ShouldBe(10);
        stats.Flagged.ShouldBe(2);
        stats.Groups.Select(g => (g.Station, g.Platform, g.Items)).ShouldBe([("thai-nguyen", "web", 3L), ("thanh-hoa", "web", 2L)]);
        stats.Groups[0].FirstPublished.ShouldBe(ElasticsearchSamples.Published);
        stats.Groups[0].LastPublished.ShouldBe(ElasticsearchSamples.Published.AddHours(2));
    }
}
