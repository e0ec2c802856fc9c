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
/// One instance serves one report: a station's items are read once per UTC day (an indexed time
/// range) and their titles fingerprinted once, however many walks of the report look at that day,
/// instead of one ±48 h window read per item walked.
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
            foreach (var next in linked.Concat(await TitledAsync(current, visited, cancellationToken)))
            {
                if (visited.Add(next.Item.Id))
                {
                    platforms.Add(next.Item.Platform);
                    queue.Enqueue(next);
                }
            }
        }

        return platforms.Count;
    }

    /// <summary>
    /// The station's items not visited yet joined to this one by title, read from the days its window
    /// spans as titles only; those joined are then read with their link keys (a day's titles are one
    /// index range, whole candidates with their links a look-up per item: ~10× the time).
    /// </summary>
    private async Task<IReadOnlyList<StoryCandidate>> TitledAsync(StoryCandidate current, HashSet<string> visited, CancellationToken cancellationToken)
    {
        if (current.Item.PublishedAt is not { } published)
        {
            return [];
        }

        var station = current.Item.StationId;
        var first = (published - StoryLinker.Window).UtcDateTime.Date;
        var last = (published + StoryLinker.Window).UtcDateTime.Date;
        await LoadAsync(station, first, last, cancellationToken);
        var shingles = StoryTitle.Fingerprints(current.Item.Title);
        var titled = new List<string>();
        for (var day = first; day <= last; day += Day)
        {
            foreach (var other in days[(station, day)])
            {
                if (!visited.Contains(other.Item.Id) && Joins(current.Item, shingles, other))
                {
                    titled.Add(other.Item.Id);
                }
            }
        }

        if (titled.Count == 0)
        {
            return [];
        }

        var found = (await queries.GetStoryCandidatesByIdAsync(titled, cancellationToken)).ToDictionary(c => c.Item.Id, StringComparer.Ordinal);
        return [.. titled.Select(id => found.GetValueOrDefault(id)).OfType<StoryCandidate>()];
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

            for (var d = day; d <= end; d += Day)
            {
                days[(station, d)] = [];
            }

            var range = new ContentFilter([station], null, new DateTimeOffset(day, TimeSpan.Zero), new DateTimeOffset(end + Day, TimeSpan.Zero));
            foreach (var item in await queries.GetTitlesAsync(range, cancellationToken))
            {
                // An undated item (filed under its collection time) never joins by title: the store leaves it out.
                if (days.TryGetValue((station, item.PublishedAt.UtcDateTime.Date), out var list))
                {
                    list.Add(new Dated(item));
                }
            }

            day = end + Day;
        }
    }

    /// <summary><see cref="StoryLinker.TitlesJoin"/> on fingerprinted titles; the other's only once the times allow a join.</summary>
    private static bool Joins(ItemSummary a, ulong[] aShingles, Dated b) =>
        a.StationId == b.Item.StationId
        && a.PublishedAt is { } pa
        && (pa > b.Item.PublishedAt ? pa - b.Item.PublishedAt : b.Item.PublishedAt - pa) <= StoryLinker.Window
        && StoryTitle.JaccardAtLeast(aShingles, b.Shingles, StoryLinker.TitleThreshold);

    /// <summary>A loaded item and its title's fingerprints, computed on first use.</summary>
    private sealed class Dated(TitledItem item)
    {
        private ulong[]? shingles;

        public TitledItem Item => item;

        public ulong[] Shingles => shingles ??= StoryTitle.Fingerprints(item.Title);
    }
}
