using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Extraction.Dates;

/// <summary>
/// Finds a publish time in free text as Vietnamese pages print it ("Thứ Ba, 12/09/2017, 14:00 [GMT+7]",
/// "20:18 , 23/11/2025", "Thứ 4, 01.01.2014 | 08:00:00", "ngày 5 tháng 3 năm 2024"), ISO-8601 and
/// English month names. Day comes before month, as in Vietnam. Times without a stated offset are
/// Vietnam time. The result keeps the page's own offset; <see cref="TryParseUtc"/> gives UTC.
/// </summary>
internal static partial class VietnameseDateParser
{
    private const int MinYear = 1990;
    private const int MaxYear = 2100;
    private const int TimeWindow = 32;

    private static readonly string[] EnglishMonths =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Parses <paramref name="text"/> with the profile's exact formats first, then every known form; UTC out.</summary>
    public static bool TryParseUtc(string? text, IReadOnlyList<string>? exactFormats, out DateTimeOffset utc)
    {
        if (TryParse(text, exactFormats, out var value))
        {
            utc = value.ToUniversalTime();
            return true;
        }

        utc = default;
        return false;
    }

    /// <summary>Parses <paramref name="text"/>; the value keeps the offset the page used (Vietnam time when none).</summary>
    public static bool TryParse(string? text, IReadOnlyList<string>? exactFormats, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = Whitespace().Replace(text, " ").Trim();
        if (exactFormats is { Count: > 0 } && TryExact(trimmed, exactFormats, out value))
        {
            return true;
        }

        return TryIso(trimmed, out value) || TryFreeText(trimmed, out value);
    }

    private static bool TryExact(string text, IReadOnlyList<string> formats, out DateTimeOffset value)
    {
        foreach (var format in formats)
        {
            if (format.Contains('z', StringComparison.Ordinal) || format.Contains('K', StringComparison.Ordinal))
            {
                if (DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))
                {
                    return true;
                }
            }
            else if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
                && local.Year is >= MinYear and <= MaxYear)
            {
                value = VietnamTime.FromLocal(local);
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool TryIso(string text, out DateTimeOffset value)
    {
        value = default;
        var match = IsoDate().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = Int(match, "y");
        var month = Int(match, "mo");
        var day = Int(match, "d");
        if (!IsValidDate(year, month, day))
        {
            return false;
        }

        var hour = match.Groups["h"].Success ? Int(match, "h") : 0;
        var minute = match.Groups["mi"].Success ? Int(match, "mi") : 0;
        var second = match.Groups["s"].Success ? Int(match, "s") : 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var wallClock = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        var zone = match.Groups["tz"];
        if (!zone.Success)
        {
            value = VietnamTime.FromLocal(wallClock);
            return true;
        }

        var offset = zone.Value is "Z" or "z" ? TimeSpan.Zero : ParseOffset(zone.Value);
        if (offset is null)
        {
            return false;
        }

        value = new DateTimeOffset(wallClock, offset.Value);
        return true;
    }

    private static bool TryFreeText(string text, out DateTimeOffset value)
    {
        value = default;
        var best = default(DateMatch?);
        foreach (var candidate in FindDates(text))
        {
            if (best is null || candidate.Start < best.Value.Start)
            {
                best = candidate;
            }
        }

        if (best is not { } date)
        {
            return false;
        }

        var (hour, minute, second) = FindTime(text, date) ?? (0, 0, 0);
        var wallClock = new DateTime(date.Year, date.Month, date.Day, hour, minute, second, DateTimeKind.Unspecified);
        var statedOffset = StatedOffset().Match(text);
        value = statedOffset.Success && ParseOffset(statedOffset.Groups["off"].Value) is { } offset
            ? new DateTimeOffset(wallClock, offset)
            : VietnamTime.FromLocal(wallClock);
        return true;
    }

    private static IEnumerable<DateMatch> FindDates(string text)
    {
        var numeric = NumericDate().Match(text);
        while (numeric.Success)
        {
            var first = Int(numeric, "a");
            var second = Int(numeric, "b");
            var year = Int(numeric, "y");

            // Vietnamese order is day/month; a first number above 12 only fits that order, a second one
            // above 12 only fits the American order some English pages use.
            var (day, month) = second > 12 && first <= 12 ? (second, first) : (first, second);
            if (IsValidDate(year, month, day))
            {
                yield return new DateMatch(numeric.Index, numeric.Index + numeric.Length, year, month, day);
                break;
            }

            numeric = numeric.NextMatch();
        }

        var yearFirst = YearFirstDate().Match(text);
        if (yearFirst.Success && IsValidDate(Int(yearFirst, "y"), Int(yearFirst, "mo"), Int(yearFirst, "d")))
        {
            yield return new DateMatch(yearFirst.Index, yearFirst.Index + yearFirst.Length, Int(yearFirst, "y"), Int(yearFirst, "mo"), Int(yearFirst, "d"));
        }

        var words = VietnameseWordsDate().Match(text);
        if (words.Success && IsValidDate(Int(words, "y"), Int(words, "mo"), Int(words, "d")))
        {
            yield return new DateMatch(words.Index, words.Index + words.Length, Int(words, "y"), Int(words, "mo"), Int(words, "d"));
        }

        foreach (var english in new[] { EnglishMonthFirst().Match(text), EnglishDayFirst().Match(text) })
        {
            if (english.Success)
            {
                var month = Array.IndexOf(EnglishMonths, english.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
                if (IsValidDate(Int(english, "y"), month, Int(english, "d")))
                {
                    yield return new DateMatch(english.Index, english.Index + english.Length, Int(english, "y"), month, Int(english, "d"));
                }
            }
        }
    }

    /// <summary>The clock time printed just after the date, or else just before it ("20:18 , 23/11/2025").</summary>
    private static (int Hour, int Minute, int Second)? FindTime(string text, DateMatch date)
    {
        var afterLength = Math.Min(TimeWindow, text.Length - date.End);
        var after = ClockTime().Match(text, date.End, afterLength);
        if (after.Success)
        {
            return ToTime(after);
        }

        var beforeStart = Math.Max(0, date.Start - TimeWindow);
        Match? last = null;
        for (var before = ClockTime().Match(text, beforeStart, date.Start - beforeStart); before.Success; before = before.NextMatch())
        {
            last = before;
        }

        return last is null ? null : ToTime(last);
    }

    private static (int, int, int) ToTime(Match match)
    {
        var hour = Int(match, "h");
        var minute = Int(match, "mi");
        var second = match.Groups["s"].Success ? Int(match, "s") : 0;
        var meridiem = match.Groups["ampm"].Value.ToUpperInvariant().Replace(".", string.Empty, StringComparison.Ordinal);
        if (meridiem is "PM" or "CH" && hour < 12)
        {
            hour += 12;
        }
        else if (meridiem is "AM" or "SA" && hour == 12)
        {
            hour = 0;
        }

        return (hour, minute, second);
    }

    private static TimeSpan? ParseOffset(string text)
    {
        var match = OffsetParts().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var hours = Int(match, "h");
        var minutes = match.Groups["m"].Success ? Int(match, "m") : 0;
        if (hours > 14 || minutes > 59)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return match.Groups["sign"].Value == "-" ? -offset : offset;
    }

    private static bool IsValidDate(int year, int month, int day) =>
        year is >= MinYear and <= MaxYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private readonly record struct DateMatch(int Start, int End, int Year, int Month, int Day);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[T ](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,]\d+)?)?\s*(?<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<!\d)(?<a>\d{1,2})\s?(?<sep>[/.\-])\s?(?<b>\d{1,2})\s?\k<sep>\s?(?<y>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<!\d)(?<y>\d{4})/(?<mo>\d{1,2})/(?<d>\d{1,2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstDate();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})\s+tháng\s+(?<mo>\d{1,2})\s*(?:,\s*)?(?:năm\s+)?(?<y>\d{4})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VietnameseWordsDate();

    [GeneratedRegex(@"\b(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishMonthFirst();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?<y>\d{4})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishDayFirst();

    [GeneratedRegex(@"(?<![\d:])(?<h>[01]?\d|2[0-3])\s?(?::|h|g)\s?(?<mi>[0-5]\d)(?::(?<s>[0-5]\d))?(?![\d:])(?:\s?(?<ampm>[AaPp]\.?[Mm]\.?|SA|CH)\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?:GMT|UTC)\s?(?<off>[+-]\s?\d{1,2}(?::?\d{2})?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatedOffset();

    [GeneratedRegex(@"^(?<sign>[+-])\s?(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetParts();
}
