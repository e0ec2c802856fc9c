namespace Monitor.Domain;

/// <summary>
/// An item's engagement as a function of its age, from its observations: values between two
/// observations are read off the straight line joining them. Before the first observation and
/// after the last the value is unknown: never extrapolated, and never interpolated from
/// publication, because an item first seen days after it was published (a backfill) would
/// otherwise get a made-up early curve that biases every baseline it enters.
/// </summary>
public sealed class EngagementCurve
{
    private readonly (double Hours, double Value)[] points;

    public EngagementCurve(IEnumerable<(TimeSpan Age, double Value)> observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        points = [.. observed.Where(p => p.Age >= TimeSpan.Zero).Select(p => (p.Age.TotalHours, p.Value)).OrderBy(p => p.Item1)];
    }

    public static EngagementCurve FromObservations(Item item, IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(item);
        return FromObservations(item.PublishedAt, observations);
    }

    public static EngagementCurve FromObservations(DateTimeOffset? publishedAt, IEnumerable<Observation> observations) =>
        new(observations.Select(o => (Age: o.Age ?? (publishedAt is { } p ? o.ObservedAt - p : TimeSpan.Zero), Value: (double)Engagement.Interactions(o))));

    /// <summary>Engagement at <paramref name="age"/>, linearly interpolated; null outside the observed span.</summary>
    public double? ValueAt(TimeSpan age)
    {
        var hours = age.TotalHours;
        if (points.Length == 0 || hours < points[0].Hours || hours > points[^1].Hours)
        {
            return null;
        }

        for (var i = 0; i < points.Length; i++)
        {
            var (h1, v1) = points[i];
            if (hours <= h1)
            {
                if (i == 0 || h1 == hours)
                {
                    return v1;
                }

                var (h0, v0) = points[i - 1];
                return v0 + ((v1 - v0) * (hours - h0) / (h1 - h0));
            }
        }

        return points[^1].Value;
    }
}
