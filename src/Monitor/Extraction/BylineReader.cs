using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Extraction;

/// <summary>
/// Reads author names from bylines: "By …", "Tác giả: …", and the Vietnamese forms at the end of an
/// article: a line with the writer's name in capitals ("NGUYỄN VĂN AN"), "Theo …" and "Nguồn: …".
/// </summary>
internal static partial class BylineReader
{
    private const int MaxNameLength = 60;
    private const int MaxNameWords = 8;
    private const int TailLines = 3;
    private const int MaxTitleCaseNameLength = 40;
    private const int MaxTitleCaseNameWords = 5;

    /// <summary>Cleans a byline element's text down to the name(s).</summary>
    public static string? CleanName(string? byline)
    {
        if (string.IsNullOrWhiteSpace(byline))
        {
            return null;
        }

        var text = Prefix().Replace(byline.Trim(), string.Empty).Trim();
        text = TrailingDate().Replace(text, string.Empty).Trim().Trim('-', '–', '|', ',', ':', '.', ' ');
        if (text.Length == 0 || text.Length > MaxNameLength || text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxNameWords)
        {
            return null;
        }

        return text;
    }

    /// <summary>
    /// The writer named in the last lines of the body, if the article ends with a byline. On Vietnamese pages a
    /// capitalised name alone on the last line counts too (elsewhere that line is a button: "Read More").
    /// </summary>
    public static string? FromBodyEnd(string body, bool vietnamese)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = lines.Length - 1; i >= 0 && i >= lines.Length - TailLines; i--)
        {
            var line = lines[i];
            var source = SourceLine().Match(line);
            if (source.Success)
            {
                return CleanName(source.Groups["name"].Value);
            }

            if (IsCapitalisedName(line))
            {
                return ToNameCase(line.Trim('.', ' '));
            }

            // Station sites sign the very last line with the writer's name as written ("Hoàng Việt", right-aligned).
            if (vietnamese && i == lines.Length - 1 && IsTitleCaseName(line))
            {
                return line.Trim('.', ' ');
            }
        }

        return null;
    }

    /// <summary>"Hoàng Việt" or "Minh Đức - Thu Hà": two to five words, each capitalised, letters only.</summary>
    private static bool IsTitleCaseName(string line)
    {
        var trimmed = line.Trim('.', ' ');
        if (trimmed.Length is < 3 or > MaxTitleCaseNameLength)
        {
            return false;
        }

        var words = 0;
        foreach (var word in trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word is "-" or "–")
            {
                continue;
            }

            if (!char.IsUpper(word[0]) || !word.All(char.IsLetter))
            {
                return false;
            }

            words++;
        }

        return words is >= 2 and <= MaxTitleCaseNameWords;
    }

    /// <summary>"NGUYỄN VĂN AN" or "Hữu Đại – Sỹ Thảo": a short line of names with no sentence punctuation.</summary>
    private static bool IsCapitalisedName(string line)
    {
        var trimmed = line.Trim('.', ' ');
        if (trimmed.Length is < 3 or > MaxNameLength || trimmed.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        var letters = 0;
        var upper = 0;
        foreach (var c in trimmed)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    upper++;
                }
            }
            else if (!(c is ' ' or '-' or '–' or ',' or '&' or '.'))
            {
                return false;
            }
        }

        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return letters >= 3 && upper == letters && words is >= 2 and <= MaxNameWords;
    }

    private static string ToNameCase(string capitals) =>
        CultureInfo.GetCultureInfo("vi-VN").TextInfo.ToTitleCase(capitals.ToLower(CultureInfo.GetCultureInfo("vi-VN")));

    [GeneratedRegex(@"^(?:(?:written|posted|reviewed|edited)\s+)?by\s+|^(?:tác giả|bài(?: và ảnh)?|bài,? ảnh|phóng viên|pv|nhóm pv|author|written by|posted by)\s*[:\-–]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\s*(?:[|•·,–-]\s*)?(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}:\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}).*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailingDate();

    [GeneratedRegex(@"^\(?(?:theo|nguồn\s*:)\s*(?<name>[^\n]{2,60}?)\)?\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();
}
