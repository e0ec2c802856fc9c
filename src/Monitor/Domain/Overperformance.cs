namespace Monitor.Domain;

/// <summary>One item's score at one standard age.</summary>
public sealed record OverperformanceScore(string ItemId, TimeSpan Age, double Actual, double Expected, double Score, int BaselineItems);

/// <summary>
/// CrowdTangle-style overperformance. For an item and an age (1 h, 24 h, 7 d):
/// actual = the item's engagement at that age (interpolated between the observations around it);
/// expected = the 25%-trimmed mean of the same value over the channel's last 100 items of the same
/// kind published before it that were observed up to that age (at least <see cref="MinimumBaseline"/>);
/// score = actual ÷ expected when actual ≥ expected, else −expected ÷ actual (actual floored at 1),
/// so +2 means twice the usual and −2 half of it.
/// </summary>
public static class Overperformance
{
    public const int BaselineSize = 100;
    public const int MinimumBaseline = 3;
    public const double TrimFraction = 0.25;

    public static IReadOnlyList<TimeSpan> StandardAges { get; } = [TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromDays(7)];

    public static readonly string[] FormulaLines =
    [
        "overperformance(item, age) = actual / expected            when actual >= expected",
        "                           = -(expected / max(actual, 1))  when actual <  expected",
        "actual   = item's engagement at that age, linear between the observations before and after it (none: no score)",
        $"expected = mean of the channel's last {BaselineSize} earlier items of the same kind at that age,",
        $"           after dropping the top and bottom {TrimFraction:P0} (floor(n/4) each side); needs >= {MinimumBaseline} items",
    ];

    /// <summary>The trimmed mean: sort, drop floor(n × 0.25) values from each end, average the rest.</summary>
    public static double TrimmedMean(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A trimmed mean needs at least one value.", nameof(values));
        }

        // Array.Sort rather than Order(): the same order, several times faster on the hundred values an
        // import's rescoring pass sorts once per item and age.
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var cut = (int)Math.Floor(sorted.Length * TrimFraction);
        return sorted[cut..^cut].Average();
    }

    public static double Score(double actual, double expected)
    {
        if (expected <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "Expected engagement must be positive.");
        }

        return actual >= expected ? actual / expected : -(expected / Math.Max(actual, 1));
    }

    /// <summary>
    /// The median of overperformance scores, taken on the underlying ratio (score +2 = ratio 2,
    /// score −2 = ratio 0.5) so the middle of +1.2 and −1.5 is not a meaningless −0.15.
    /// </summary>
    public static double? MedianScore(IReadOnlyCollection<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ratio = Median([.. scores.Select(s => s >= 1 ? s : -1 / s)]);
        return ratio is { } r ? (r >= 1 ? r : -1 / r) : null;
    }

    public static double? Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        // Array.Sort rather than Order(): the same order, several times faster on the hundred values an
        // import's rescoring pass sorts once per item and age.
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Scores every item at every standard age it has reached, against its own channel and kind.</summary>
    public static IReadOnlyList<OverperformanceScore> Compute(IReadOnlyList<Item> items, ILookup<string, Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(observations);
        var result = new List<OverperformanceScore>();
        foreach (var group in items.Where(i => i.PublishedAt is not null).GroupBy(i => (i.ChannelId, i.Kind)))
        {
            var ordered = group.OrderBy(i => i.PublishedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            var curves = ordered.Select(i => EngagementCurve.FromObservations(i, observations[i.Id])).ToList();
            foreach (var age in StandardAges)
            {
                var values = curves.Select(c => c.ValueAt(age)).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    if (values[i] is not { } actual)
                    {
                        continue;
                    }

                    var baseline = new List<double>(BaselineSize);
                    for (var j = i - 1; j >= 0 && baseline.Count < BaselineSize; j--)
                    {
                        if (values[j] is { } earlier)
                        {
                            baseline.Add(earlier);
                        }
                    }

                    if (baseline.Count < MinimumBaseline)
                    {
                        continue;
                    }

                    var expected = TrimmedMean(baseline);
                    if (expected > 0)
                    {
                        result.Add(new OverperformanceScore(ordered[i].Id, age, actual, expected, Score(actual, expected), baseline.Count));
                    }
                }
            }
        }

        return result;
    }
}
