using Monitor.Configuration;

namespace Monitor.Tests.Configuration;

public sealed class DurationTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("7d", 604_800_000)]
    public void TryParse_ValidForms_ParsesMilliseconds(string text, long milliseconds)
    {
        Duration.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
        Duration.Format(value).ShouldBe(text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("1.5h")]
    [InlineData("-1s")]
    [InlineData("10 minutes")]
    public void TryParse_InvalidForms_False(string text) => Duration.TryParse(text, out _).ShouldBeFalse();
}
