using System.Globalization;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Times are stored as fixed-width UTC text (<c>2026-11-30T08:15:00.0000000Z</c>), so SQL MIN/MAX and ORDER BY
/// sort them correctly and a person reading the file with the sqlite3 shell sees real dates.
/// </summary>
internal static class SqliteTime
{
    // The round-trip format of a UTC time is exactly that text, and .NET writes and parses it on a path of its own:
    // the same text as the custom pattern yyyy-MM-dd'T'HH:mm:ss.fffffff'Z' it replaced (SqliteTimeTests holds them
    // equal), without interpreting a pattern for each of the millions of times an import writes and reads back.
    private const string Format = "O";

    public static string Write(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static object WriteNullable(DateTimeOffset? value) => value is { } v ? Write(v) : DBNull.Value;

    public static DateTimeOffset Read(string text)
    {
        var time = DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return time.Kind == DateTimeKind.Utc
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : throw new FormatException($"The store holds '{text}' where a UTC time (ending in Z) belongs.");
    }

    public static DateTimeOffset? ReadNullable(object value) => value is string text ? Read(text) : null;
}
