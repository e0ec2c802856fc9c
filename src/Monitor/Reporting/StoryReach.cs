using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

namespace Monitor.Reporting;

/// <summary>
/// On how many platforms the story of one item is told, over the whole store, found by walking
/// out from the item: items sharing a link key (an indexed lookup), and the station's items
/// published within <see cref="StoryLinker.Window"/> with a similar title. The walk reaches exactly
/// the item's story as <see cref="StoryLinker"/> would link it, and stops early once every platform
/// is seen; <see cref="MaxItems"/> bounds a pathological story (a link that every item carries) so
/// one report never walks the whole store (which of its items are counted then depends on the
/// order of the walk: the count is a lower bound).
/// One instance serves one report: a station's titles are read once per UTC day (an indexed time
/// range, titles and ids only) and fingerprinted once, however many walks of the report look at that
/// day, instead of one ±48 h window read per item walked; only the items a walk reaches by title are
/// read again with their link keys.
/// </summary>
public sealed class StoryReach(IContentQueries queries)
{
    public const int MaxItems = 1000;

    private static readonly int AllPlatforms = Enum.GetValues<Platform>().Length;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly Dictionary<(string Station, DateTime Day), List<Dated>> days = [];

    public async Task<int> PlatformsAsync(StoryCandidate start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        var visited = new HashSet<string>(StringComparer.Ordinal) { start.Item.Id };
        var platforms = new HashSet<Platform> { start.Item.Platform };
        var queue = new Queue<StoryCandidate>([start]);
        while (queue.TryDequeue(out var current) && platforms.Count < AllPlatforms && visited.Count < MaxItems)
        {
            var linked = await queries.GetItemsSharingLinksAsync(current.LinkKeys, cancellationToken);
            var titled = (await TitledAsync(current.Item, cancellationToken)).Where(id => !visited.Contains(id)).ToList();

            // Title matches are read as titles only; those the walk goes on from are read again with their link keys.
            var next = titled.Count == 0 ? linked : [.. linked, .. await queries.GetStoryCandidatesByIdAsync(titled, cancellationToken)];
            foreach (var candidate in next)
            {
                if (visited.Add(candidate.Item.Id))
                {
                    platforms.Add(candidate.Item.Platform);
                    queue.Enqueue(candidate);
                }
            }
        }

        return platforms.Count;
    }

    /// <summary>The station's items joined to this one by title, read from the days its window spans.</summary>
    private async Task<List<string>> TitledAsync(ItemSummary current, CancellationToken cancellationToken)
    {
        var titled = new List<string>();
        if (current.PublishedAt is not { } published)
        {
            return titled;
        }

        var station = current.StationId;
        var first = (published - StoryLinker.Window).UtcDateTime.Date;
        var last = (published + StoryLinker.Window).UtcDateTime.Date;
        await LoadAsync(station, first, last, cancellationToken);
        var shingles = StoryTitle.Fingerprints(current.Title);
        for (var day = first; day <= last; day += Day)
        {
            foreach (var other in days[(station, day)])
            {
                if ((other.Published > published ? other.Published - published : published - other.Published) <= StoryLinker.Window
                    && StoryTitle.JaccardAtLeast(shingles, other.Shingles, StoryLinker.TitleThreshold))
                {
                    titled.Add(other.Id);
                }
            }
        }

        return titled;
    }

    /// <summary>
    /// Reads the days the walks from these items look at first (each one's ±48 h), the runs of
    /// consecutive days two at a time on two cores, so the walks find them read: reading and
    /// fingerprinting titles is most of a walk's cost.
    /// </summary>
    public async Task PrefetchAsync(IEnumerable<ItemSummary> starts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(starts);
        var wanted = new HashSet<(string Station, DateTime Day)>();
        foreach (var item in starts)
        {
            if (item.PublishedAt is { } published)
            {
                for (var day = (published - StoryLinker.Window).UtcDateTime.Date; day <= (published + StoryLinker.Window).UtcDateTime.Date; day += Day)
                {
                    if (!days.ContainsKey((item.StationId, day)))
                    {
                        wanted.Add((item.StationId, day));
                    }
                }
            }
        }

        var runs = new List<(string Station, DateTime First, DateTime Last)>();
        foreach (var (station, day) in wanted.OrderBy(w => w.Station, StringComparer.Ordinal).ThenBy(w => w.Day))
        {
            if (runs.Count > 0 && runs[^1].Station == station && runs[^1].Last + Day == day)
            {
                runs[^1] = (station, runs[^1].First, day);
            }
            else
            {
                runs.Add((station, day, day));
            }
        }

        var read = new Dictionary<(string Station, DateTime Day), List<Dated>>[runs.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (r, token) => read[r] = await ReadDaysAsync(runs[r].Station, runs[r].First, runs[r].Last, token));
        foreach (var run in read)
        {
            foreach (var (key, list) in run)
            {
                days[key] = list;
            }
        }
    }

    /// <summary>Reads the days of [first, last] not read yet, each run of consecutive ones in one query.</summary>
    private async Task LoadAsync(string station, DateTime first, DateTime last, CancellationToken cancellationToken)
    {
        var day = first;
        while (day <= last)
        {
            if (days.ContainsKey((station, day)))
            {
                day += Day;
                continue;
            }

            var end = day;
            while (end + Day <= last && !days.ContainsKey((station, end + Day)))
            {
                end += Day;
            }

            foreach (var (key, list) in await ReadDaysAsync(station, day, end, cancellationToken))
            {
                days[key] = list;
            }

            day = end + Day;
        }
    }

    /// <summary>One station's dated titles of the UTC days [first, last], fingerprinted, by day (every day present, empty or not).</summary>
    private async Task<Dictionary<(string Station, DateTime Day), List<Dated>>> ReadDaysAsync(string station, DateTime first, DateTime last, CancellationToken cancellationToken)
    {
        var read = new Dictionary<(string Station, DateTime Day), List<Dated>>();
        for (var d = first; d <= last; d += Day)
        {
            read[(station, d)] = [];
        }

        var range = ContentFilter.ForStation(station, new DateTimeOffset(first, TimeSpan.Zero), new DateTimeOffset(last + Day, TimeSpan.Zero));
        foreach (var item in await queries.GetTitledItemsAsync(range, cancellationToken))
        {
            // An undated item (filed under its collection time) never joins by title.
            if (item.PublishedAt is { } at && read.TryGetValue((station, at.UtcDateTime.Date), out var list))
            {
                list.Add(new Dated(item.Id, at, StoryTitle.Fingerprints(item.Title)));
            }
        }

        return read;
    }

    /// <summary>What a walk compares of a dated item of the day: not its title, only the title's fingerprints.</summary>
    private sealed record Dated(string Id, DateTimeOffset Published, ulong[] Shingles);
}
