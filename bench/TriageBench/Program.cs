using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Triage;

// Times the inbox and search queries the dashboard makes, each run 50 times on the store given,
// and prints one markdown table of p50 / p95 / max in milliseconds (first run of each excluded: warm-up).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Monitor.TriageBench STORE_DB [RUNS]");
    return 2;
}

var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
using var provider = new ServiceCollection().AddSqliteStore(args[0]).BuildServiceProvider();
await provider.GetRequiredService<IContentAdmin>().InitializeAsync();
if (runs == 0)
{
    return 0; // the schema only, for the generator to fill
}

var inbox = provider.GetRequiredService<IFlagInbox>();
var search = provider.GetRequiredService<ISearchQueries>();
var first = await inbox.ListAsync(FlagFilter.All, 50);
var deep = first.Next;
for (var i = 0; i < 20 && deep is not null; i++)
{
    deep = (await inbox.ListAsync(FlagFilter.All, 50, deep)).Next;
}

var cases = new (string Name, Func<Task> Run)[]
{
    ("inbox: all, first page of 50 + counts", () => inbox.ListAsync(FlagFilter.All, 50)),
    ("inbox: all, page 22 (keyset)", () => inbox.ListAsync(FlagFilter.All, 50, deep)),
    ("inbox: open work", () => inbox.ListAsync(new FlagFilter(Statuses: FlagFilter.OpenWork), 50)),
    ("inbox: one station, open", () => inbox.ListAsync(new FlagFilter(Stations: ["thai-nguyen"], Statuses: [FlagStatus.Open]), 50)),
    ("inbox: station + platform + severity + 30 days", () => inbox.ListAsync(new FlagFilter(["bac-kan"], Platform.Facebook, null, "high", null, null, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)), 50)),
    ("inbox: assignee", () => inbox.ListAsync(new FlagFilter(Assignee: "lan"), 50)),
    ("inbox: one flag with audit", () => inbox.GetAsync(first.Flags[7].Id)),
    ("search: rare words (\"khanh thanh cau moi\")", () => search.SearchAsync(new SearchQuery("khanh thanh cau moi"))),
    ("search: common word (\"thai nguyen\")", () => search.SearchAsync(new SearchQuery("thai nguyen"))),
    ("search: common word, one station", () => search.SearchAsync(new SearchQuery("thai nguyen", Stations: ["thai-nguyen"]))),
    ("search: comments (\"dien bien\")", () => search.SearchAsync(new SearchQuery("dien bien", SearchTarget.Comments))),
    ("search: page 40", () => search.SearchAsync(new SearchQuery("le hoi", Page: 40))),
};

Console.WriteLine($"| query | p50 ms | p95 ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var (name, run) in cases)
{
    await run();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {At(0.5):F1} | {At(0.95):F1} | {times[^1]:F1} |"));
}

return 0;
