using Monitor.Collection.Social;
using Monitor.Collection.YouTube;

namespace Monitor.Tests.Social;

public sealed class ObservationScheduleTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ObservationSchedule Schedule = new(SocialCollectionOptions.DefaultObservationAges);

    [Fact]
    public void IsDue_NeverObserved_True() => Schedule.IsDue(Published, null, Published.AddMinutes(5)).ShouldBeTrue();

    [Fact]
    public void IsDue_BetweenCheckpoints_False() =>
        Schedule.IsDue(Published, Published.AddHours(1), Published.AddHours(2.5)).ShouldBeFalse();

    [Fact]
    public void IsDue_SeveralCheckpointsMissed_DueOnce()
    {
        Schedule.IsDue(Published, Published.AddHours(1), Published.AddHours(30)).ShouldBeTrue();
        Schedule.NextDue(Published, Published.AddHours(30)).ShouldBe(Published.AddHours(48));
    }

    [Fact]
    public void NextDue_AfterLastAge_Null() => Schedule.NextDue(Published, Published.AddDays(31)).ShouldBeNull();

    [Fact]
    public void NextReset_WinterAndSummer_PacificMidnightInUtc()
    {
        YouTubeQuota.NextReset(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        YouTubeQuota.NextReset(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 7, 2, 7, 0, 0, TimeSpan.Zero));
        YouTubeQuota.DayKey(new DateTimeOffset(2026, 11, 20, 7, 59, 0, TimeSpan.Zero)).ShouldBe("2026-11-19");
    }
}
