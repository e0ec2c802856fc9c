namespace Monitor.Collection.Social;

/// <summary>
/// Thinning re-observation: an item is observed when first seen, then once each time it passes one
/// of the configured ages (1 h, 3 h, … 30 d). Several checkpoints missed at once (the worker was
/// down) cost one observation, not several. After the last age an item is never observed again.
/// </summary>
public sealed class ObservationSchedule(IReadOnlyList<TimeSpan> ages)
{
    private readonly TimeSpan[] ages = [.. ages.Order()];

    public bool IsDue(DateTimeOffset publishedAt, DateTimeOffset? lastObservedAt, DateTimeOffset now)
    {
        if (lastObservedAt is null)
        {
            return true;
        }

        foreach (var age in ages)
        {
            var checkpoint = publishedAt + age;
            if (checkpoint > lastObservedAt && checkpoint <= now)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The checkpoint an observation at <paramref name="now"/> fulfils: the largest configured age the item
    /// has reached, or zero before the first. Two observations seconds apart (a rerun after a kill) share it.
    /// </summary>
    public TimeSpan CheckpointAt(DateTimeOffset publishedAt, DateTimeOffset now)
    {
        var reached = TimeSpan.Zero;
        foreach (var age in ages)
        {
            if (publishedAt + age <= now)
            {
                reached = age;
            }
        }

        return reached;
    }

    /// <summary>The next instant an observation becomes due, or null when the schedule is finished.</summary>
    public DateTimeOffset? NextDue(DateTimeOffset publishedAt, DateTimeOffset lastObservedAt)
    {
        foreach (var age in ages)
        {
            var checkpoint = publishedAt + age;
            if (checkpoint > lastObservedAt)
            {
                return checkpoint;
            }
        }

        return null;
    }
}
