using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using Monitor.Triage;

namespace Monitor.Tests.Triage;

/// <summary>
/// summary_flags (migration 12) is kept by triggers on flag_triage: raised flags, triage moves, and a
/// triage import that replaces rows must leave it equal to counting flag_triage itself, and the inbox's
/// counts read from it must be the counts over the flags.
/// </summary>
public sealed class SqliteSummaryFlagsTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder temp = new();
    private SqliteContentStore store = null!;

    public async Task InitializeAsync()
    {
        store = new SqliteContentStore(new SqliteStoreOptions(temp.File("monitor.db")), TestClock.Create());
        await store.InitializeAsync();
        await store.SaveAsync(TriageSamples.Content);
        await store.SaveAsync(TriageSamples.Flags);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task SummaryFlags_AfterRaiseTriageAndImport_EqualsCountingFlags()
    {
        (await SummaryAsync()).ShouldBe(await RecountAsync());
        (await SummaryAsync()).ShouldNotBeEmpty();

        await store.ApplyAsync(TriageSamples.Id(TriageSamples.OnLandslide), TriageAction.Take(), "reviewer");
        await store.ApplyAsync(TriageSamples.Id(TriageSamples.OnFestival), TriageAction.Dismiss("trùng"), "reviewer");
        await store.ApplyAsync(TriageSamples.Id(TriageSamples.OnLandslide), TriageAction.Resolve(FlagOutcome.Confirmed), "reviewer");
        (await SummaryAsync()).ShouldBe(await RecountAsync());
        (await SummaryAsync()).ShouldContain(r => r.Contains(" resolved ", StringComparison.Ordinal));

        // An import writes each flag with INSERT OR REPLACE: the replaced row's count must go.
        var records = new List<FlagDetail>();
        await foreach (var record in store.ReadTriageAsync())
        {
            records.Add(record with { Flag = record.Flag with { Status = FlagStatus.Escalated } });
        }

        await store.WriteTriageAsync(records);
        (await SummaryAsync()).ShouldBe(await RecountAsync());
        (await SummaryAsync()).Where(r => !r.Contains(" escalated ", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(0, 100, null)]
    [InlineData(3, 100, "thai-nguyen")]
    [InlineData(5, 140, "thanh-hoa")]
    [InlineData(4, 5, null)]
    public async Task ListAsync_StationsAndWholeHours_CountsEqualCountingFlags(int? fromHour, int? toHour, string? station)
    {
        await store.ApplyAsync(TriageSamples.Id(TriageSamples.OnPraise), TriageAction.Escalate(), "reviewer");
        var from = fromHour is { } f ? TriageSamples.T0.AddHours(f) : (DateTimeOffset?)null;
        var to = toHour is { } t ? TriageSamples.T0.AddHours(t) : (DateTimeOffset?)null;
        var filter = new FlagFilter(station is null ? null : [station], From: from, To: to);

        var page = await store.ListAsync(filter, 10);

        var where = string.Join(" AND ", new[]
        {
            "1 = 1",
            station is null ? null : $"station_id = '{station}'",
            from is { } a ? $"raised_at >= '{SqliteTime.Write(a)}'" : null,
            to is { } b ? $"raised_at < '{SqliteTime.Write(b)}'" : null,
        }.OfType<string>());
        var expected = await OracleAsync($"SELECT status, COUNT(*) FROM flag_triage WHERE {where} GROUP BY status ORDER BY status");
        page.CountsByStatus.Where(c => c.Value > 0).Select(c => $"{c.Key.ToWire()} {c.Value}").Order(StringComparer.Ordinal).ShouldBe(expected);

        // Off the hour (and any other filter) the flags themselves are counted: the same answer.
        var offHour = await store.ListAsync(filter with { From = from?.AddMinutes(-1) }, 10);
        offHour.CountsByStatus.Values.Sum().ShouldBeGreaterThanOrEqualTo(page.CountsByStatus.Values.Sum());
    }

    private Task<List<string>> SummaryAsync() =>
        OracleAsync("SELECT station_id, at, status, flags FROM summary_flags WHERE flags <> 0 ORDER BY station_id, at, status");

    private Task<List<string>> RecountAsync() => OracleAsync("""
        SELECT COALESCE(station_id, ''), substr(raised_at, 1, 13) || ':00:00.0000000Z' AS at, status, COUNT(*)
        FROM flag_triage GROUP BY COALESCE(station_id, ''), at, status ORDER BY 1, 2, 3
        """);

    private Task<List<string>> OracleAsync(string sql) => SqliteRows.ReadAsync(store.Path, sql);
}
