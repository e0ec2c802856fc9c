using System.Globalization;
using System.Text.Json;

namespace Monitor.Collection.Social;

/// <summary>
/// Reads counts and times the way the platforms actually send them: YouTube sends counts as strings,
/// others as numbers, and any of them may leave a field out (null: not reported, never 0).
/// </summary>
internal static class JsonCounts
{
    public static long? Count(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number when value.TryGetDouble(out var d) => (long)d,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }

    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Child(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    /// <summary>RFC 3339 and Facebook's <c>+0000</c> offsets; both read as UTC.</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name)
    {
        var text = element.Text(name);
        if (text is null)
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:sszz'00'"];
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact.ToUniversalTime();
        }

        // Facebook's "+0000" lacks the colon the 'zzz' pattern needs.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && !text[^5..].Contains(':', StringComparison.Ordinal))
        {
            var withColon = text[..^2] + ":" + text[^2..];
            if (DateTimeOffset.TryParse(withColon, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var fb))
            {
                return fb.ToUniversalTime();
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose) ? loose.ToUniversalTime() : null;
    }

    /// <summary>Unix time that may be seconds or milliseconds (Zalo sends either).</summary>
    public static DateTimeOffset? UnixTime(this JsonElement element, params string[] names)
    {
        foreach (var name in names)
        {
            if (element.Count(name) is { } value and > 0)
            {
                return value > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
            }
        }

        return null;
    }
}
