namespace Monitor.Collection.YouTube;

/// <summary>
/// The Data API quota day: it resets at midnight Pacific time (CONTRACTS §3.2), so the day key and
/// the reset instant are computed in America/Los_Angeles, daylight saving included.
/// </summary>
internal static class YouTubeQuota
{
    private static readonly TimeZoneInfo Pacific = FindPacific();

    public static string DayKey(DateTimeOffset now) =>
        TimeZoneInfo.ConvertTime(now, Pacific).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset NextReset(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            // Without tz data, standard time is the conservative choice: the reset is then never assumed early.
            return TimeZoneInfo.CreateCustomTimeZone("PST", TimeSpan.FromHours(-8), "PST", "PST");
        }
    }
}
