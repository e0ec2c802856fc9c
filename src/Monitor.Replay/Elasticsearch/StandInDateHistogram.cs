using System.Globalization;
using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// The <c>date_histogram</c> aggregation as the worker uses it: <c>calendar_interval</c> of a day,
/// a fixed-offset <c>time_zone</c> (<c>+07:00</c>, <c>Z</c>, <c>UTC</c>), <c>format</c> <c>yyyy-MM-dd</c>
/// and <c>min_doc_count</c>. Buckets are keyed by the start of the local day in epoch milliseconds,
/// in key order, and empty days between the first and last are kept unless min_doc_count is above 0,
/// as Elasticsearch answers. Anything else is refused with Elasticsearch's error rather than guessed.
/// </summary>
internal static class StandInDateHistogram
{
    private static readonly HashSet<string> Known = ["field", "calendar_interval", "time_zone", "format", "min_doc_count"];

    public static JsonObject Aggregate(JsonObject parameters, List<JsonObject> documents, string field, Func<List<JsonObject>, JsonObject> subAggregate)
    {
        if (parameters.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            throw new StandInError(400, "x_content_parse_exception", $"[1:1] [date_histogram] unknown field [{unknown}]");
        }

        if (parameters["calendar_interval"]?.ToString() is not ("day" or "1d"))
        {
            throw new StandInError(400, "illegal_argument_exception", $"The stand-in's date_histogram knows calendar_interval [day] only, not [{parameters["calendar_interval"]}]");
        }

        var offset = Offset(parameters["time_zone"]?.ToString());
        var format = parameters["format"]?.ToString();
        if (format is not (null or "yyyy-MM-dd"))
        {
            throw new StandInError(400, "illegal_argument_exception", $"The stand-in's date_histogram knows format [yyyy-MM-dd] only, not [{format}]");
        }

        var minDocCount = parameters["min_doc_count"]?.GetValue<int>() ?? 0;
        var days = documents
            .SelectMany(d => StandInSearch.FieldValues(d, field).Select(v => (Day: LocalDay(StandInSearch.NumberOf(v), offset), Document: d)))
            .GroupBy(p => p.Day)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Document).Distinct().ToList());
        var buckets = new JsonArray();
        if (days.Count > 0)
        {
            for (var day = days.Keys.Min(); day <= days.Keys.Max(); day = day.AddDays(1))
            {
                var members = days.GetValueOrDefault(day) ?? [];
                if (members.Count < Math.Max(minDocCount, 0) || (members.Count == 0 && minDocCount > 0))
                {
                    continue;
                }

                var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);
                var bucket = new JsonObject
                {
                    ["key_as_string"] = format is null
                        ? start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)
                        : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["key"] = start.ToUnixTimeMilliseconds(),
                    ["doc_count"] = members.Count,
                };
                foreach (var (name, value) in subAggregate(members))
                {
                    bucket[name] = value?.DeepClone();
                }

                buckets.Add(bucket);
            }
        }

        return new JsonObject { ["buckets"] = buckets };
    }

    private static DateOnly LocalDay(double epochMilliseconds, TimeSpan offset) =>
        DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds((long)epochMilliseconds).ToOffset(offset).DateTime);

    private static TimeSpan Offset(string? zone)
    {
        if (zone is null or "Z" or "UTC" or "+00:00")
        {
            return TimeSpan.Zero;
        }

        if (zone.Length == 6 && zone[0] is '+' or '-'
            && TimeSpan.TryParseExact(zone[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var magnitude))
        {
            return zone[0] == '-' ? -magnitude : magnitude;
        }

        throw new StandInError(400, "illegal_argument_exception", $"The stand-in's date_histogram knows fixed offsets (+07:00) only, not time_zone [{zone}]");
    }
}
