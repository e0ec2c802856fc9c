using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

namespace Monitor.Reporting;

/// <summary>
/// On how many platforms the story of one item is told, over the whole store, found by walking
/// out from the item: items sharing a link key (an indexed lookup), and the station's items
/// published within <see cref="StoryLinker.Window"/> with a similar title (an indexed time range).
/// The walk reaches exactly the item's story as <see cref="StoryLinker"/> would link it, and stops
/// early once every platform is seen; <see cref="MaxItems"/> bounds a pathological story (a link
/// that every item carries) so one report never walks the whole store.
/// </summary>
public static class StoryReach
{
    public const int MaxItems = 1000;

    private static readonly int AllPlatforms = Enum.GetValues<Platform>().Length;

    public static async Task<int> PlatformsAsync(IContentQueries queries, StoryCandidate start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(start);
        var visited = new HashSet<string>(StringComparer.Ordinal) { start.Item.Id };
        var platforms = new HashSet<Platform> { start.Item.Platform };
        var queue = new Queue<StoryCandidate>([start]);
        while (queue.TryDequeue(out var current) && platforms.Count < AllPlatforms && visited.Count < MaxItems)
        {
            foreach (var next in await NeighboursAsync(queries, current, cancellationToken))
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

    private static async Task<IEnumerable<StoryCandidate>> NeighboursAsync(IContentQueries queries, StoryCandidate current, CancellationToken cancellationToken)
    {
        var linked = await queries.GetItemsSharingLinksAsync(current.LinkKeys, cancellationToken);
        if (current.Item.PublishedAt is not { } published)
        {
            return linked;
        }

        var window = new ContentFilter([current.Item.StationId], null, published - StoryLinker.Window, published + StoryLinker.Window + TimeSpan.FromTicks(1));
        var shingles = StoryTitle.Shingles(current.Item.Title);
        var titled = (await queries.GetStoryCandidatesAsync(window, cancellationToken))
            .Where(c => StoryLinker.TitlesJoin(current.Item, shingles, c.Item, StoryTitle.Shingles(c.Item.Title)));
        return linked.Concat(titled);
    }
}
