using Microsoft.Extensions.Time.Testing;

namespace Monitor.Tests.Support;

/// <summary>The instant tests start at when the date itself does not matter (FakeTimeProvider's own default is 2000-01-01).</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Start = new(2025, 11, 20, 3, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Start);
}
