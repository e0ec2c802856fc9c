using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;
using Monitor.Storage.Elasticsearch;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Elasticsearch;
using Monitor.Tests.Support;

namespace Monitor.Tests.Triage;

public sealed class SqliteFlagInboxTests : FlagInboxContract, IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    protected override async Task<IContentStore> CreateStoreAsync(TimeProvider clock)
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), clock);
        await store.InitializeAsync();
        return store;
    }
}

public sealed class ElasticsearchFlagInboxTests : FlagInboxContract
{
    private ElasticsearchFixture? fixture;

    protected override async Task<IContentStore> CreateStoreAsync(TimeProvider clock) => await TriageStores.ElasticsearchAsync(fixture = await ElasticsearchFixture.StartAsync(), clock);

    public override async Task DisposeAsync()
    {
        if (fixture is not null)
        {
            RequestConformance.ShouldConform(fixture.StandIn.Requests);
            await fixture.DisposeAsync();
        }
    }
}

public sealed class SqliteSearchTests : SearchQueriesContract, IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    protected override async Task<IContentStore> CreateStoreAsync()
    {
        var store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), TestClock.Create());
        await store.InitializeAsync();
        return store;
    }
}

public sealed class ElasticsearchSearchTests : SearchQueriesContract
{
    private ElasticsearchFixture? fixture;

    protected override async Task<IContentStore> CreateStoreAsync() => await TriageStores.ElasticsearchAsync(fixture = await ElasticsearchFixture.StartAsync(), TestClock.Create());

    public override async Task DisposeAsync()
    {
        if (fixture is not null)
        {
            RequestConformance.ShouldConform(fixture.StandIn.Requests);
            await fixture.DisposeAsync();
        }
    }
}

internal static class TriageStores
{
    /// <summary>A store on the stand-in whose audit times come from <paramref name="clock"/>.</summary>
    public static async Task<IContentStore> ElasticsearchAsync(ElasticsearchFixture fixture, TimeProvider clock)
    {
        var store = ElasticsearchStoreRegistration.Create(fixture.Options(), clock, NullLoggerFactory.Instance, new Random(7)).Store;
        await store.InitializeAsync();
        return store;
    }
}
