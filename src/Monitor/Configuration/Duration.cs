using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Configuration;

/// <summary>Durations as people write them in YAML: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c>.</summary>
public static partial class Duration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        try
        {
            value = match.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The shortest exact form (<c>90m</c> stays <c>90m</c>, <c>7d</c> stays <c>7d</c>).</summary>
    public static string Format(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        if (ms % 86_400_000 == 0 && ms != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms / 86_400_000}d");
        }

        if (ms % 3_600_000 == 0 && ms != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000}h");
        }

        if (ms % 60_000 == 0 && ms != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ms / 60_000}m");
        }

        return ms % 1000 == 0 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000}s") : string.Create(CultureInfo.InvariantCulture, $"{ms}ms");
    }

    [GeneratedRegex(@"^(?<n>\d{1,9})(?<unit>ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
