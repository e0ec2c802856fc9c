using Monitor.Domain;

namespace Monitor.Reporting;

/// <summary>
/// An item's engagement as a function of its age, from its observations: (0, 0) at publication,
/// then one point per observation; values between two points are read off the straight line
/// joining them. Beyond the last observation the value is unknown (never extrapolated).
/// </summary>
public sealed class EngagementCurve
{
    private readonly (double Hours, double Value)[] points;

    public EngagementCurve(IEnumerable<(TimeSpan Age, double Value)> observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        points = [(0, 0), .. observed.Where(p => p.Age > TimeSpan.Zero).Select(p => (p.Age.TotalHours, p.Value)).OrderBy(p => p.Item1)];
    }

    public static EngagementCurve FromObservations(Item item, IEnumerable<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new EngagementCurve(observations
            .Select(o => (Age: o.Age ?? (item.PublishedAt is { } p ? o.ObservedAt - p : TimeSpan.Zero), Value: (double)Engagement.Interactions(o))));
    }

    public TimeSpan ObservedUpTo => TimeSpan.FromHours(points[^1].Hours);

    /// <summary>Engagement at <paramref name="age"/>, linearly interpolated; null past the last observation.</summary>
    public double? ValueAt(TimeSpan age)
    {
        var hours = age.TotalHours;
        if (hours > points[^1].Hours)
        {
            return null;
        }

        for (var i = 1; i < points.Length; i++)
        {
            var (h1, v1) = points[i];
            if (hours <= h1)
            {
                var (h0, v0) = points[i - 1];
                return h1 == h0 ? v1 : v0 + ((v1 - v0) * (hours - h0) / (h1 - h0));
            }
        }

        return points[^1].Value;
    }
}
