using System.Globalization;
using Monitor.Storage.Sqlite;

namespace Monitor.Tests.Storage;

/// <summary>
/// Every stored time is text in one fixed UTC form. SqliteTime now writes it with .NET's round-trip format; stores
/// written before, with a custom pattern, hold the same text, so old and new rows sort and compare together.
/// </summary>
public sealed class SqliteTimeTests
{
    private const string StoredPattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static TheoryData<string> Times() => new()
    {
        "2026-11-30T08:15:00.0000000+00:00",
        "2026-11-30T23:59:59.9999999+07:00",
        "2025-01-01T00:00:00.0000001-05:00",
        "0001-01-01T07:00:00.0000000+07:00",
        "9999-12-31T23:59:59.9999999+00:00",
    };

    [Theory]
    [MemberData(nameof(Times))]
    public void Writes_the_fixed_utc_text_stores_have_always_held_and_reads_it_back(string time)
    {
        var value = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);

        var text = SqliteTime.Write(value);

        Assert.Equal(value.UtcDateTime.ToString(StoredPattern, CultureInfo.InvariantCulture), text);
        Assert.Equal(28, text.Length);
        var read = SqliteTime.Read(text);
        Assert.Equal(value, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public void Texts_sort_as_the_times_they_hold()
    {
        var times = Enumerable.Range(0, 200).Select(i => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(i % 3 * 7)).AddTicks(i * 987_654_321_013L)).ToList();

        var byText = times.OrderBy(SqliteTime.Write, StringComparer.Ordinal).ToList();

        Assert.Equal(times.OrderBy(t => t.UtcTicks), byText);
    }

    [Theory]
    [InlineData("2026-11-30T08:15:00.0000000")]
    [InlineData("2026-11-30T08:15:00.0000000+07:00")]
    [InlineData("2026-11-30 08:15:00")]
    [InlineData("")]
    public void Refuses_a_time_that_is_not_the_stored_utc_form(string text)
    {
        Assert.Throws<FormatException>(() => SqliteTime.Read(text));
    }
}
