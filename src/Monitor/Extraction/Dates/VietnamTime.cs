namespace Monitor.Extraction.Dates;

/// <summary>
/// Vietnam's civil time. Uses the system's Asia/Ho_Chi_Minh zone when tzdata is installed and
/// falls back to a fixed +07:00 (Vietnam has kept UTC+7 without daylight saving since 1975),
/// so container images without tzdata still read station dates correctly.
/// </summary>
internal static class VietnamTime
{
    public static readonly TimeSpan FixedOffset = TimeSpan.FromHours(7);

    private static readonly TimeZoneInfo? Zone = FindZone();

    /// <summary>The offset Vietnam used at the given local wall-clock time.</summary>
    public static TimeSpan OffsetAt(DateTime localWallClock)
    {
        if (Zone is null)
        {
            return FixedOffset;
        }

        var unspecified = DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified);
        return Zone.IsInvalidTime(unspecified) ? FixedOffset : Zone.GetUtcOffset(unspecified);
    }

    /// <summary>Pins a wall-clock time read from a Vietnamese page to its instant.</summary>
    public static DateTimeOffset FromLocal(DateTime localWallClock) =>
        new(DateTime.SpecifyKind(localWallClock, DateTimeKind.Unspecified), OffsetAt(localWallClock));

    private static TimeZoneInfo? FindZone()
    {
        foreach (var id in new[] { "Asia/Ho_Chi_Minh", "SE Asia Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        return null;
    }
}
