using System.Diagnostics;
using System.Globalization;
using Monitor.Alerts;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;
using Monitor.Bench.Alerts;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;

// bench/alerts.sh: one cluster simulated through the real SQLite store and the real rules, saved every
// observation interval (30 min, the default schedule) as the collector would: a month with 20 planted
// events among noise, and a month with none. Prints recall, false alerts per station per week and the
// median time from an event's start to its alert.
var folder = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "monitor-alert-bench");
var interval = TimeSpan.FromMinutes(30);
var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
Directory.CreateDirectory(folder);

var rows = new List<string>();
foreach (var (name, planted, seed) in new[] { ("month with 20 planted events", true, 13), ("month with none", false, 29) })
{
    var watch = Stopwatch.StartNew();
    var world = new SimWorld(start, seed, planted);
    var clock = new SimClock(start);
    var path = Path.Combine(folder, $"alerts-{seed}.db");
    foreach (var file in new[] { path, path + "-wal", path + "-shm" })
    {
        File.Delete(file);
    }

    var setup = new AlertSetup(new AlertDetector(AlertRules.Defaults, clock), new AlertRouter([], new Dictionary<string, string?>()));
    var store = new SqliteContentStore(new SqliteStoreOptions(path, false), clock, setup);
    await store.InitializeAsync();
    int nextPost = 0, nextComment = 0;
    var observationDue = new List<(DateTimeOffset At, SimPost Post, TimeSpan Age)>();
    for (var now = start + interval; now <= world.End; now += interval)
    {
        clock.Now = now;
        var items = new List<Item>();
        while (nextPost < world.Posts.Count && world.Posts[nextPost].Item.PublishedAt <= now)
        {
            var post = world.Posts[nextPost++];
            items.Add(post.Item);
            foreach (var age in new[] { TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24) })
            {
                observationDue.Add((post.Item.PublishedAt!.Value + age, post, age));
            }
        }

        var observations = observationDue.Where(o => o.At <= now).Select(o => SimWorld.Observe(o.Post, o.Age)).ToList();
        observationDue.RemoveAll(o => o.At <= now);
        var comments = new List<Comment>();
        var flags = new List<Flag>();
        while (nextComment < world.Comments.Count && world.Comments[nextComment].Comment.PublishedAt <= now)
        {
            var (comment, negative) = world.Comments[nextComment++];
            comments.Add(comment);
            if (negative)
            {
                flags.Add(new Flag(comment.Id, TargetKind.Comment, "model:sentiment", "medium", "sentiment: P(negative) ≥ 0.70", 0.9, [], now));
            }
        }

        await store.SaveAsync(new ContentBatch(items, observations, comments, [], flags));
        foreach (var station in SimWorld.Stations)
        {
            await store.RecordSourceRunAsync(station, SimWorld.Channel(station), true, null);
        }
    }

    var alerts = (await store.ListAlertsAsync(null, 100_000)).Where(a => a.OpenedAt >= world.Measured).ToList();
    var matched = new HashSet<long>();
    var delays = new List<TimeSpan>();
    foreach (var plantedEvent in world.Events)
    {
        var hits = alerts.Where(a => Matches(a, plantedEvent)).ToList();
        matched.UnionWith(hits.Select(a => a.Id));
        if (hits.Count > 0)
        {
            delays.Add(hits.Min(a => a.OpenedAt) - plantedEvent.Start);
        }
    }

    var falseAlerts = alerts.Where(a => !matched.Contains(a.Id)).ToList();
    var weeks = SimWorld.Month.TotalDays / 7;
    var recall = world.Events.Count == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{delays.Count}/{world.Events.Count} = {100.0 * delays.Count / world.Events.Count:0.0}%");
    var median = delays.Count == 0 ? "n/a" : Format(Median(delays));
    var byKind = string.Join(", ", falseAlerts.GroupBy(a => a.Kind.ToWire()).Select(g => $"{g.Key} {g.Count()}"));
    rows.Add(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {world.Posts.Count(p => p.Item.PublishedAt >= world.Measured)} posts, {world.Comments.Count(c => c.Comment.PublishedAt >= world.Measured)} comments | {recall} | {falseAlerts.Count}{(byKind.Length > 0 ? $" ({byKind})" : string.Empty)} | {falseAlerts.Count / (double)SimWorld.Stations.Length / weeks:0.00} | {median} | {watch.Elapsed.TotalSeconds:0} s |"));
    if (planted)
    {
        foreach (var kind in Enum.GetValues<EventKind>())
        {
            var of = world.Events.Where(e => e.Kind == kind).ToList();
            var found = of.Select(e => alerts.Where(a => Matches(a, e)).Select(a => (TimeSpan?)(a.OpenedAt - e.Start)).Min()).ToList();
            var times = found.OfType<TimeSpan>().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind,-7} {times.Count}/{of.Count} found; time to alert: {(times.Count == 0 ? "n/a" : $"median {Format(Median(times))}, max {Format(times.Max())}")}"));
        }
    }
}

Console.WriteLine();
Console.WriteLine($"Cluster of {SimWorld.Stations.Length} stations (one Facebook page each), saved every {interval.TotalMinutes:0} min; a 28-day warm-up before each month gives the baselines.");
Console.WriteLine("| run | content in the month | recall | false alerts | false / station / week | median time to alert | wall time |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var row in rows)
{
    Console.WriteLine(row);
}

static bool Matches(StoredAlert alert, PlantedEvent planted) => planted.Kind switch
{
    // An item surge on the post, or the station-level surge it causes while it lasts.
    EventKind.Surge => alert.Kind == AlertKind.NegativeSurge && alert.OpenedAt >= planted.Start && alert.OpenedAt <= planted.Start + TimeSpan.FromHours(6)
        && (alert.ItemId == planted.ItemId || (alert.ItemId is null && alert.StationId == planted.StationId)),
    EventKind.Viral => alert.Kind == AlertKind.Viral && alert.ItemId == planted.ItemId,
    _ => alert.Kind == AlertKind.SourceSilent && alert.TargetId == planted.ChannelId && alert.OpenedAt >= planted.Start,
};

static TimeSpan Median(List<TimeSpan> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Format(TimeSpan span) => span.TotalHours >= 24
    ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.0} d")
    : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min");
