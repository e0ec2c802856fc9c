using System.Globalization;
using Monitor.Scheduling;
using Quartz;

namespace Monitor.Tests.Scheduling;

public sealed class FireAnsweredTests
{
    // A fire made late for a misfire: scheduled at a fraction of a second.
    private static readonly DateTimeOffset LateFire = new(2026, 12, 5, 11, 29, 22, 99, TimeSpan.Zero);

    [Fact]
    public void FireAnswered_RecoveryOfFractionalFire_AnswersTheSameSecondAsTheRunItRecovers()
    {
        // What Quartz's cluster recovery keeps of the dead worker's fire: an invariant-culture string, whole seconds.
        var data = new JobDataMap
        {
            [SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime] = Convert.ToString(LateFire, CultureInfo.InvariantCulture)!,
        };

        var original = CollectChannelJob.FireAnswered(recovering: false, new JobDataMap(), LateFire);
        var recovery = CollectChannelJob.FireAnswered(recovering: true, data, LateFire.AddSeconds(41));

        recovery.ShouldBe(original);
        original.ShouldBe(new DateTimeOffset(2026, 12, 5, 11, 29, 22, TimeSpan.Zero));
    }

    [Fact]
    public void FireAnswered_OrdinaryFire_IsItsScheduledSecondInUtc()
    {
        var local = new DateTimeOffset(2026, 12, 5, 18, 30, 0, 500, TimeSpan.FromHours(7));

        var answered = CollectChannelJob.FireAnswered(recovering: false, new JobDataMap(), local);

        answered.ShouldBe(new DateTimeOffset(2026, 12, 5, 11, 30, 0, TimeSpan.Zero));
        answered.Offset.ShouldBe(TimeSpan.Zero);
    }
}
