using System.Globalization;

namespace Monitor.Configuration;

/// <summary>
/// The value ranges of a Quartz cron expression's fields. Quartz's own parser lets some
/// out-of-range numbers through (a minute of 99 is accepted and never fires), so every number
/// in every field is held to its range here, and the first that is not is named.
/// </summary>
internal static class CronFieldRanges
{
    private static readonly (string Name, int Min, int Max)[] Fields =
    [
        ("seconds", 0, 59),
        ("minutes", 0, 59),
        ("hours", 0, 23),
        ("day of month", 1, 31),
        ("month", 1, 12),
        ("day of week", 1, 7),
        ("year", 1970, 2099),
    ];

    /// <summary>Null when every number is in range; otherwise what is wrong, for the user.</summary>
    public static string? Problem(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < fields.Length && i < Fields.Length; i++)
        {
            var (name, min, max) = Fields[i];
            foreach (var part in fields[i].Split(','))
            {
                var slash = part.IndexOf('/', StringComparison.Ordinal);
                var values = slash < 0 ? part : part[..slash];
                if (slash >= 0 && int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var step) && (step < 1 || step > max))
                {
                    return $"the {name} field steps by {step}; a step must be 1 to {max}";
                }

                // "6#3" (third Friday), "L-3", "15W": only the numbers before '#', after "L-" and before 'W' are field values.
                var hash = values.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0)
                {
                    if (int.TryParse(values[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var nth) && (nth < 1 || nth > 5))
                    {
                        return $"the {name} field asks for occurrence #{nth} in a month; it must be 1 to 5";
                    }

                    values = values[..hash];
                }

                foreach (var token in values.Split('-'))
                {
                    var number = token.TrimEnd('W', 'w', 'L', 'l');
                    if (number.Length > 0 && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
                    {
                        return $"the {name} field has {value}; it must be {min} to {max}";
                    }
                }
            }
        }

        return null;
    }
}
