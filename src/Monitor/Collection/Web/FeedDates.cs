using System.Globalization;

namespace Monitor.Collection.Web;

/// <summary>
/// Dates as feeds and sitemaps write them: RFC 822 (with GMT, +0700, or a short "+07"), RFC 3339 /
/// W3C datetimes, or bare dates. A date without a zone is taken as Vietnam time (+07:00).
/// </summary>
public static class FeedDates
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "ddd, d MMM yyyy HH:mm:ss",
    ];

    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.EndsWith(" GMT", StringComparison.OrdinalIgnoreCase) || value.EndsWith(" UT", StringComparison.OrdinalIgnoreCase) || value.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            value = value[..value.LastIndexOf(' ')] + " +00:00";
        }
        else if (System.Text.RegularExpressions.Regex.Match(value, @" ([+-])(\d{2})(\d{2})?$") is { Success: true } zone)
        {
            // "+0700" and VTV's "+07" both become "+07:00", which the format strings read.
            value = value[..zone.Index] + " " + zone.Groups[1].Value + zone.Groups[2].Value + ":" + (zone.Groups[3].Success ? zone.Groups[3].Value : "00");
        }

        if (DateTimeOffset.TryParseExact(value, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var rfc822))
        {
            return HasZone(value) ? rfc822 : new DateTimeOffset(rfc822.DateTime, VietnamOffset);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            return HasZone(value) ? iso : new DateTimeOffset(DateTime.SpecifyKind(iso.DateTime, DateTimeKind.Unspecified), VietnamOffset);
        }

        return null;
    }

    private static bool HasZone(string value) =>
        value.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(value, @"[+-]\d{2}:?\d{2}$");
}
