using Monitor.Worker.Web.Localization;
using Monitor.Worker.Web.Pages;

namespace Monitor.Tests.Web;

/// <summary>Charts over days: a point a day up to 92 days, else a point a week drawn as its mean per day.</summary>
public sealed class ChartDaysTests
{
    private static readonly DateOnly Thursday = new(2026, 1, 1);

    [Fact]
    public void Of_NinetyTwoDays_OnePointADay()
    {
        var days = ChartDays.Of(Range(Thursday, 92));

        days.Weekly.ShouldBeFalse();
        days.Count.ShouldBe(92);
        days.IndexOf(Thursday.AddDays(91)).ShouldBe(91);
        days.IndexOf(Thursday.AddDays(92)).ShouldBe(-1);
        days.Labels(UiText.Vietnamese)[1].ShouldBe("02/01/2026");
    }

    [Fact]
    public void Of_AYear_WeeksFromMondayEachItsMeanPerDay()
    {
        var range = Range(Thursday, 335);

        var days = ChartDays.Of(range);

        // 1 Jan 2026 is a Thursday: a first week of four days, then Mondays to the last day, 1 Dec (a Tuesday).
        days.Weekly.ShouldBeTrue();
        days.Starts[0].ShouldBe(Thursday);
        days.Starts.Skip(1).ShouldAllBe(d => d.DayOfWeek == DayOfWeek.Monday);
        days.Starts[1].ShouldBe(new DateOnly(2026, 1, 5));
        days.Starts[^1].ShouldBe(new DateOnly(2026, 11, 30));
        days.Count.ShouldBe(49);
        days.IndexOf(new DateOnly(2026, 1, 4)).ShouldBe(0);
        days.IndexOf(new DateOnly(2026, 1, 11)).ShouldBe(1);
        days.IndexOf(new DateOnly(2026, 1, 12)).ShouldBe(2);
        days.IndexOf(new DateOnly(2026, 12, 2)).ShouldBe(-1);
        days.IndexOf(new DateOnly(2025, 12, 31)).ShouldBe(-1);

        // Cut weeks are not drawn short: the first (Thursday to Sunday) and last (Monday and Tuesday) are their days' means.
        var values = days.Values(range, d => d, d => d.Day);
        values[0].ShouldBe((1 + 2 + 3 + 4) / 4.0);
        values[1].ShouldBe((5 + 6 + 7 + 8 + 9 + 10 + 11) / 7.0);
        values[^1].ShouldBe((30 + 1) / 2.0);
        values.Select((v, i) => v!.Value * ((i + 1 < days.Count ? days.Starts[i + 1] : new DateOnly(2026, 12, 2)).DayNumber - days.Starts[i].DayNumber))
            .Sum().ShouldBe(range.Sum(d => d.Day), 1e-6);
    }

    private static List<DateOnly> Range(DateOnly first, int count) => [.. Enumerable.Range(0, count).Select(first.AddDays)];
}
