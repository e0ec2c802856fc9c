namespace Monitor.Tests.Support;

public sealed class FakeClockTests
{
    [Fact]
    public void Advance_MovesUtcNow()
    {
        var clock = new FakeClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        clock.Advance(TimeSpan.FromHours(2));
        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Delay_CompletesOnlyWhenClockPassesDueTime()
    {
        var clock = new FakeClock();
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);
        clock.Advance(TimeSpan.FromMinutes(4));
        delay.IsCompleted.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        delay.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public void PeriodicTimer_FiresOncePerPeriodPassed()
    {
        var clock = new FakeClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(35));
        fired.ShouldBe(3);
    }

    [Fact]
    public void Advance_Backwards_Throws()
    {
        var clock = new FakeClock();
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }
}
