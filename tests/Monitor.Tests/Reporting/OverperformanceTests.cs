using Monitor.Domain;
using static Monitor.Tests.Reporting.ReportSamples;

namespace Monitor.Tests.Reporting;

public sealed class OverperformanceTests
{
    [Fact]
    public void TrimmedMean_EightValues_DropsTwoEachSide()
    {
        // sorted: 0 10 20 30 40 50 60 1000; floor(8 × 0.25) = 2 dropped each side → 20 30 40 50 → 140 / 4 = 35
        Overperformance.TrimmedMean([10, 20, 30, 40, 1000, 0, 50, 60]).ShouldBe(35);
    }

    [Fact]
    public void TrimmedMean_FiveValues_DropsOneEachSide()
    {
        // sorted: 1 3 5 7 9; floor(5 × 0.25) = 1 → 3 5 7 → 15 / 3 = 5
        Overperformance.TrimmedMean([5, 1, 9, 3, 7]).ShouldBe(5);
    }

    [Fact]
    public void TrimmedMean_ThreeValues_KeepsAll()
    {
        // floor(3 × 0.25) = 0 → (1 + 2 + 6) / 3 = 3
        Overperformance.TrimmedMean([6, 1, 2]).ShouldBe(3);
    }

    [Theory]
    [InlineData(90, 30, 3)] // 90 / 30
    [InlineData(30, 30, 1)] // exactly as expected
    [InlineData(10, 30, -3)] // below: −(30 / 10)
    [InlineData(0, 30, -30)] // actual floored at 1: −(30 / 1)
    public void Score_HandComputed(double actual, double expected, double score) =>
        Overperformance.Score(actual, expected).ShouldBe(score);

    [Fact]
    public void ValueAt_BetweenObservations_LinearInterpolation()
    {
        var curve = new EngagementCurve([(TimeSpan.FromHours(0.5), 10), (TimeSpan.FromHours(2), 40)]);

        // 10 + (40 − 10) × (1 − 0.5) / (2 − 0.5) = 10 + 30 × 1/3 = 20
        curve.ValueAt(TimeSpan.FromHours(1))!.Value.ShouldBe(20, 1e-9);
        curve.ValueAt(TimeSpan.FromHours(2)).ShouldBe(40);
        // outside the observed span: unknown, neither extrapolated nor drawn from publication
        curve.ValueAt(TimeSpan.FromHours(0.25)).ShouldBeNull();
        curve.ValueAt(TimeSpan.FromHours(3)).ShouldBeNull();
    }

    [Fact]
    public void Compute_ChannelHistory_HandComputedScores()
    {
        // Six videos on channel c, one a day, each observed at 1 h (v5 at 0.5 h and 2 h); one post of another kind.
        var v = Enumerable.Range(1, 6).Select(n => Item($"youtube:v{n}", "s", "c", T0.AddDays(n))).ToList();
        var post = Item("youtube:p1", "s", "c", T0.AddDays(3.5), ItemKind.Post);
        Observation[] observations =
        [
            At(v[0], 1, 100), At(v[1], 1, 200), At(v[2], 1, 300), At(v[3], 1, 400),
            At(v[4], 0.5, 300), At(v[4], 2, 900), // at 1 h: 300 + 600 × 0.5 / 1.5 = 500
            At(v[5], 1, 50),
            At(post, 1, 1), // another kind: never in the videos' baseline
        ];

        var scores = Overperformance.Compute([.. v, post], observations.ToLookup(o => o.ItemId))
            .Where(s => s.Age == TimeSpan.FromHours(1)).ToDictionary(s => s.ItemId);

        // v1..v3: fewer than 3 earlier videos → no score. Post: no earlier post → no score.
        scores.Keys.ShouldBe(["youtube:v4", "youtube:v5", "youtube:v6"], ignoreOrder: true);
        // v4: baseline 300 200 100, n = 3, nothing trimmed → 200; 400 / 200 = +2
        scores["youtube:v4"].Expected.ShouldBe(200);
        scores["youtube:v4"].Score.ShouldBe(2);
        // v5: actual 500; baseline 400 300 200 100, trim 1 each side → (200 + 300) / 2 = 250; 500 / 250 = +2
        scores["youtube:v5"].Actual.ShouldBe(500, 1e-9);
        scores["youtube:v5"].Expected.ShouldBe(250);
        scores["youtube:v5"].Score.ShouldBe(2, 1e-9);
        // v6: baseline 500 400 300 200 100, trim 1 each side → (200 + 300 + 400) / 3 = 300; 50 < 300 → −300 / 50 = −6
        scores["youtube:v6"].Expected.ShouldBe(300, 1e-9);
        scores["youtube:v6"].Score.ShouldBe(-6, 1e-9);
        scores["youtube:v6"].BaselineItems.ShouldBe(5);
    }

    [Fact]
    public void Compute_AgeNotReached_NoScoreAtThatAge()
    {
        var v = Enumerable.Range(1, 5).Select(n => Item($"youtube:v{n}", "s", "c", T0.AddDays(n))).ToList();
        var observations = v.SelectMany(i => new[] { At(i, 0.5, 2), At(i, 3, 10) }).ToLookup(o => o.ItemId);

        var scores = Overperformance.Compute(v, observations);

        scores.ShouldNotContain(s => s.Age == TimeSpan.FromHours(24));
        scores.Count(s => s.Age == TimeSpan.FromHours(1)).ShouldBe(2);
    }

    [Fact]
    public void Compute_MoreThanHundredEarlierItems_OnlyLastHundredCount()
    {
        // 101 old videos worth 1000 at 1 h, then 100 worth 10, then the scored one worth 10:
        // its baseline is the last 100 (all 10) → expected 10 → score +1; the 1000s are out of the window.
        var items = Enumerable.Range(0, 202).Select(n => Item($"youtube:v{n}", "s", "c", T0.AddHours(n * 2))).ToList();
        var observations = items.Select((i, n) => At(i, 1, n < 101 ? 1000 : 10)).ToLookup(o => o.ItemId);

        var last = Overperformance.Compute(items, observations).Single(s => s.ItemId == "youtube:v201" && s.Age == TimeSpan.FromHours(1));

        last.BaselineItems.ShouldBe(100);
        last.Expected.ShouldBe(10);
        last.Score.ShouldBe(1);
    }
}
