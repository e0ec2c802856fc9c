using Monitor.Worker.Web.Localization;

namespace Monitor.Worker.Web.Pages;

/// <summary>
/// The points a chart over days draws: one a day up to <see cref="MaxDailyPoints"/> days, else one a
/// week (Monday to Sunday, the first and last weeks cut to the period; a week drawn as its mean per day). A year drawn day by day put
/// ~1,700 bars with their tooltips in a station's page (317 KB on a 1M-item store) for detail no
/// screen shows; weeks keep the shape at a seventh of the weight. Tables and exports keep the days.
/// </summary>
internal sealed class ChartDays
{
    public const int MaxDailyPoints = 92;

    private readonly DateOnly last;

    private ChartDays(IReadOnlyList<DateOnly> starts, bool weekly, DateOnly last)
    {
        Starts = starts;
        Weekly = weekly;
        this.last = last;
    }

    /// <summary>The first day of each point, in order.</summary>
    public IReadOnlyList<DateOnly> Starts { get; }

    public bool Weekly { get; }

    public int Count => Starts.Count;

    /// <summary>Points for <paramref name="days"/> (consecutive, oldest first, as <see cref="Widgets.Days"/> gives them).</summary>
    public static ChartDays Of(IReadOnlyList<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var last = days.Count == 0 ? DateOnly.MinValue : days[^1];
        if (days.Count <= MaxDailyPoints)
        {
            return new ChartDays(days, weekly: false, last);
        }

        return new ChartDays([.. days.Where((d, i) => i == 0 || d.DayOfWeek == DayOfWeek.Monday)], weekly: true, last);
    }

    /// <summary>The point a day falls in, or -1 when it is outside the chart.</summary>
    public int IndexOf(DateOnly day)
    {
        if (Starts.Count == 0 || day < Starts[0] || day > last)
        {
            return -1;
        }

        if (!Weekly)
        {
            return day.DayNumber - Starts[0].DayNumber;
        }

        // Weeks start on Mondays after the first point, which may start mid-week.
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return monday <= Starts[0] ? 0 : ((monday.DayNumber - Starts[1].DayNumber) / 7) + 1;
    }

    /// <summary>
    /// Each point's value: the day's <paramref name="value"/>, or a week's mean per day over its days in
    /// the period. A week cut by the period's ends (one day of it, say) would otherwise be drawn as a
    /// fall to near nothing at the chart's edge, which reads as a collapse that never happened.
    /// </summary>
    public double?[] Values<T>(IEnumerable<T> rows, Func<T, DateOnly> day, Func<T, double> value)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(value);
        var values = new double?[Count];
        Array.Fill(values, 0);
        foreach (var row in rows)
        {
            if (IndexOf(day(row)) is var i and >= 0)
            {
                values[i] += value(row);
            }
        }

        if (Weekly)
        {
            for (var i = 0; i < Count; i++)
            {
                var end = i + 1 < Count ? Starts[i + 1] : last.AddDays(1);
                values[i] /= end.DayNumber - Starts[i].DayNumber;
            }
        }

        return values;
    }

    /// <summary>The axis labels and tooltips: the day, or the week's first day (the heading says which).</summary>
    public string[] Labels(UiText t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return [.. Starts.Select(t.Day)];
    }
}
