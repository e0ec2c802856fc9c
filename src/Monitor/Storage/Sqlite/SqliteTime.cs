using System.Globalization;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Times are stored as fixed-width UTC text, so SQL MIN/MAX and ORDER BY sort them correctly and a
/// person reading the file with the sqlite3 shell sees real dates.
/// </summary>
internal static class SqliteTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Write(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static object WriteNullable(DateTimeOffset? value) => value is { } v ? Write(v) : DBNull.Value;

    public static DateTimeOffset Read(string text) =>
        new(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static DateTimeOffset? ReadNullable(object value) => value is string text ? Read(text) : null;
}
