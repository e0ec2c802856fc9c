using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;
using Monitor.Tests.Support;

namespace Monitor.Tests.Alerts;

public sealed class BinomialTests
{
    // Hand-computed: P(X ≥ 3 | 5, 0.2) = 10·0.2³·0.8² + 5·0.2⁴·0.8 + 0.2⁵ = 0.0512 + 0.0064 + 0.00032.
    [Theory]
    [InlineData(3, 5, 0.2, 0.05792)]
    [InlineData(10, 10, 0.5, 1.0 / 1024)]
    [InlineData(8, 10, 0.5, 56.0 / 1024)]
    [InlineData(9, 20, 0.25, 0.04092516770651855)]
    public void UpperTail_SmallCases_MatchHandComputedSums(int successes, int trials, double p, double expected) =>
        Binomial.UpperTail(successes, trials, p).ShouldBe(expected, 1e-12);

    [Fact]
    public void UpperTail_ThousandsOfTrials_NeitherUnderflowsNorOverflows() =>
        (Binomial.UpperTail(400, 2000, 0.1) / 1.081033764938646e-40).ShouldBe(1, 1e-9);

    [Theory]
    [InlineData(0, 10, 0.3, 1)]
    [InlineData(11, 10, 0.3, 0)]
    [InlineData(1, 10, 0, 0)]
    [InlineData(10, 10, 1, 1)]
    public void UpperTail_Edges_AreExact(int successes, int trials, double p, double expected) =>
        Binomial.UpperTail(successes, trials, p).ShouldBe(expected);

    [Fact]
    public void Surge_TwelveOfFifteenAgainstATenPercentStation_FiresWithTheSmoothedBaseline()
    {
        var detector = new AlertDetector(AlertRules.Defaults, TestClock.Create());

        var verdict = detector.Surge(new CommentTally(15, 12), new CommentTally(1000, 100));

        verdict.ShouldNotBeNull();
        verdict.Value.Baseline.ShouldBe(101.0 / 1002, 1e-12);
        verdict.Value.P.ShouldBe(3.735036559914825e-10, 1e-18);
    }

    [Theory]
    [InlineData(9, 9)] // fewer than minComments (10), however negative
    [InlineData(15, 3)] // 20 %: under twice the 10 % baseline
    [InlineData(20, 5)] // 25 % ≥ 2×, but P(X ≥ 5 | 20, 0.1) ≈ 0.043 is no surge at p < 0.001
    public void Surge_BelowAnyThreshold_DoesNotFire(int comments, int negative) =>
        new AlertDetector(AlertRules.Defaults, TestClock.Create()).Surge(new CommentTally(comments, negative), new CommentTally(1000, 100)).ShouldBeNull();
}
