using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

public sealed class HostGateTests
{
    private static readonly Uri Page = new("http://127.0.0.1:5000/a-1234.html");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EnterAsync_SecondRequestToTheSameHost_WaitsForTheDelayOnTheClock()
    {
        var gate = Gate(maxConcurrent: 2);
        (await gate.EnterAsync(Page, TimeSpan.FromSeconds(2))).Dispose();

        var second = gate.EnterAsync(Page, TimeSpan.FromSeconds(2));
        second.IsCompleted.ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(1));
        second.IsCompleted.ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(1));

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task EnterAsync_ThreeRequests_StartTwoDelaysApartFromTheFirst()
    {
        var gate = Gate(maxConcurrent: 3);
        using var first = await gate.EnterAsync(Page, TimeSpan.FromSeconds(3));
        var second = gate.EnterAsync(Page, TimeSpan.FromSeconds(3));
        var third = gate.EnterAsync(Page, TimeSpan.FromSeconds(3));

        _clock.Advance(TimeSpan.FromSeconds(3));
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        third.IsCompleted.ShouldBeFalse();
        _clock.Advance(TimeSpan.FromSeconds(3));
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task EnterAsync_OtherHost_DoesNotWait()
    {
        var gate = Gate(maxConcurrent: 1);
        using var held = await gate.EnterAsync(Page, TimeSpan.FromMinutes(1));

        var other = gate.EnterAsync(new Uri("http://127.0.0.1:5001/b-1234.html"), TimeSpan.FromMinutes(1));

        other.IsCompleted.ShouldBeTrue();
        (await other).Dispose();
    }

    [Fact]
    public async Task EnterAsync_ConcurrencyLimitReached_WaitsForARelease()
    {
        var gate = Gate(maxConcurrent: 1);
        var first = await gate.EnterAsync(Page, TimeSpan.Zero);

        var second = gate.EnterAsync(Page, TimeSpan.Zero);
        second.IsCompleted.ShouldBeFalse();
        first.Dispose();

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task EnterAsync_Cancelled_ReleasesItsSlot()
    {
        var gate = Gate(maxConcurrent: 1);
        (await gate.EnterAsync(Page, TimeSpan.FromSeconds(10))).Dispose();
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(Page, TimeSpan.FromSeconds(10), cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        _clock.Advance(TimeSpan.FromSeconds(30));
        (await gate.EnterAsync(Page, TimeSpan.Zero).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    private HostGate Gate(int maxConcurrent) =>
        new(_clock, Options.Create(new WebCollectionOptions { MaxConcurrentPerHost = maxConcurrent }));
}
