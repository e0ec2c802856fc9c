using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Domain;

namespace Monitor.Collection.Social;

/// <summary>An item a listing call returned this run.</summary>
internal sealed record ListedEntry(string NativeId, DateTimeOffset? PublishedAt);

/// <summary>An item to observe this run: new, or known and past one of its checkpoints.</summary>
internal sealed record DueEntry(string NativeId, string ItemId, SocialItemState? State, bool Listed);

/// <summary>
/// Decides, per channel and run, which items to observe (new ones, and known ones whose next
/// checkpoint has passed — capped and oldest-due first so work spreads over runs), and keeps the
/// pause (back-off) bookkeeping every collector shares.
/// </summary>
public sealed class ObservationPlanner
{
    private readonly IObservationState state;
    private readonly TimeProvider clock;
    private readonly SocialCollectionOptions options;

    public ObservationPlanner(IObservationState state, TimeProvider clock, IOptions<SocialCollectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.state = state;
        this.clock = clock;
        this.options = options.Value;
        Schedule = new ObservationSchedule(this.options.ObservationAges);
    }

    public ObservationSchedule Schedule { get; }

    public IObservationState State => state;

    public SocialCollectionOptions Options => options;

    public DateTimeOffset Now => clock.GetUtcNow();

    internal async Task<bool> IsPausedAsync(ILogger logger, Platform platform, string channelId, string key, CancellationToken cancellationToken)
    {
        if (await state.GetBackoffAsync(key, cancellationToken) is { } pause && pause.Until > Now)
        {
            var name = platform.ToWire();
            SocialLog.PausedSkip(logger, name, channelId, pause.Until, pause.Reason);
            return true;
        }

        return false;
    }

    internal async Task PauseAsync(ILogger logger, Platform platform, string channelId, string key, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        await state.SetBackoffAsync(key, until, reason, cancellationToken);
        var name = platform.ToWire();
        SocialLog.Pausing(logger, name, channelId, reason, until);
    }

    internal async Task<IReadOnlyList<DueEntry>> SelectDueAsync(
        Platform platform, string channelId, IReadOnlyList<ListedEntry> listed, CancellationToken cancellationToken)
    {
        var now = Now;
        var due = new List<DueEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in listed)
        {
            if (!seen.Add(entry.NativeId))
            {
                continue;
            }

            var itemId = Item.PlatformId(platform, entry.NativeId);
            var known = await state.GetItemAsync(itemId, cancellationToken);
            if (known is null || (!known.Gone && Schedule.IsDue(known.PublishedAt, known.LastObservedAt, now)))
            {
                due.Add(new DueEntry(entry.NativeId, itemId, known, Listed: true));
            }
        }

        foreach (var known in await state.GetDueAsync(channelId, now, options.MaxRefreshPerRun, cancellationToken))
        {
            if (seen.Add(known.NativeId))
            {
                due.Add(new DueEntry(known.NativeId, known.ItemId, known, Listed: false));
            }
        }

        return due;
    }

    /// <summary>The observation of <paramref name="item"/> at <paramref name="observedAt"/>, keyed by the checkpoint it fulfils.</summary>
    internal Observation Observe(Item item, DateTimeOffset observedAt, long? views, long? reactions, long? comments, long? shares) =>
        new(item.Id, observedAt, item.PublishedAt is { } published ? observedAt - published : null, views, reactions, comments, shares)
        {
            Checkpoint = Schedule.CheckpointAt(item.PublishedAt ?? observedAt, observedAt),
        };

    internal Task MarkObservedAsync(Item item, string nativeId, DateTimeOffset observedAt, long? commentCount, CancellationToken cancellationToken)
    {
        var published = item.PublishedAt ?? observedAt;
        return state.MarkObservedAsync(
            item.Id, item.ChannelId, nativeId, published, observedAt, Schedule.NextDue(published, observedAt), commentCount, cancellationToken);
    }

    /// <summary>Comments are fetched for new items and for items whose comment count grew since last time.</summary>
    internal static bool CommentsChanged(DueEntry entry, long? commentCount) =>
        commentCount is > 0 && (entry.State?.LastCommentCount is not { } previous || commentCount > previous);
}
