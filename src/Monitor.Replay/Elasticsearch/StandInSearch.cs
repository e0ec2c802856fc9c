using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// The part of the search API the worker and its tests use: match_all/term/terms/range/match/bool
/// queries, sort with search_after, and terms/date_histogram/min/max/sum/avg/cardinality/value_count aggregations.
/// <c>match</c> on a <c>.folded</c> field folds diacritics (and đ) like the templates' analyzer.
/// </summary>
internal static class StandInSearch
{
    private static readonly HashSet<string> BodyKeys = ["query", "post_filter", "sort", "search_after", "from", "size", "track_total_hits", "aggs", "aggregations", "_source"];

    /// <summary>Elasticsearch's default <c>index.max_result_window</c>.</summary>
    private const int ResultWindow = 10_000;

    public static JsonObject Search(List<StandInIndex> indices, JsonObject body)
    {
        CheckBody(body);
        var matches = Matching(indices, body["query"] as JsonObject);

        // Aggregations cover the query's matches; post_filter and search_after narrow only the hits.
        var aggregated = matches;
        if (body["post_filter"] is JsonObject postFilter)
        {
            matches = [.. matches.Where(m => Matches(postFilter, m.Source))];
        }

        var total = matches.Count;
        // Elasticsearch takes one sort key as a bare object too (the official client sends it so).
        var sort = body["sort"] switch
        {
            JsonArray many => many,
            JsonNode one => new JsonArray(one.DeepClone()),
            null => null,
        };
        if (sort is not null)
        {
            var dates = DateFields(indices);
            matches.Sort((a, b) => CompareBy(sort, a.Source, b.Source, dates));
            if (body["search_after"] is JsonArray after)
            {
                matches = [.. matches.Where(m => CompareToAfter(sort, m.Source, after, dates) > 0)];
            }
        }

        var from = body["from"]?.GetValue<int>() ?? 0;
        var size = body["size"]?.GetValue<int>() ?? 10;
        var hits = new JsonArray();
        foreach (var (index, id, source) in matches.Skip(from).Take(size))
        {
            var hit = new JsonObject { ["_index"] = index, ["_id"] = id, ["_score"] = null, ["_source"] = SourceFiltered(source, body["_source"]) };
            if (sort is not null)
            {
                // Date sort values come back as epoch milliseconds, as Elasticsearch answers them.
                hit["sort"] = new JsonArray([.. sort.Select(s => FieldOf(s!) is var f && Value(source, f) is { } v
                    ? DateFields(indices).Contains(f) ? JsonValue.Create((long)Number(v)) : v.DeepClone()
                    : null)]);
            }

            hits.Add(hit);
        }

        var response = new JsonObject
        {
            ["took"] = 1,
            ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = indices.Count, ["successful"] = indices.Count, ["skipped"] = 0, ["failed"] = 0 },
            ["hits"] = new JsonObject { ["total"] = TotalHits(body["track_total_hits"], total), ["max_score"] = null, ["hits"] = hits },
        };
        if ((body["aggs"] ?? body["aggregations"]) is JsonObject aggregations)
        {
            response["aggregations"] = Aggregate(aggregations, [.. aggregated.Select(m => m.Source)]);
        }

        return response;
    }

    /// <summary>
    /// <c>_source</c> filtering by whole top-level fields: <c>{"includes":[…]}</c>, <c>{"excludes":[…]}</c>
    /// or <c>false</c>; patterns with wildcards or nested paths are refused rather than half applied.
    /// </summary>
    private static JsonObject? SourceFiltered(JsonObject source, JsonNode? filter)
    {
        if (filter is null || (filter is JsonValue all && all.GetValueKind() == JsonValueKind.True))
        {
            return source.DeepClone().AsObject();
        }

        if (filter is JsonValue none && none.GetValueKind() == JsonValueKind.False)
        {
            return null;
        }

        if (filter is not JsonObject spec || spec.Any(p => p.Key is not ("includes" or "excludes")))
        {
            throw new StandInError(400, "parsing_exception", "The stand-in knows _source as true, false, or {\"includes\"|\"excludes\": [field, …]} only.");
        }

        string[] Fields(string key) => spec[key] is JsonArray fields ? [.. fields.Select(f => f!.GetValue<string>())] : [];
        var includes = Fields("includes");
        var excludes = Fields("excludes");
        if (includes.Concat(excludes).Any(f => f.Contains('*', StringComparison.Ordinal) || f.Contains('.', StringComparison.Ordinal)))
        {
            throw new StandInError(400, "parsing_exception", "The stand-in filters _source by whole top-level fields, without wildcards or paths.");
        }

        var filtered = new JsonObject();
        foreach (var (name, value) in source)
        {
            if ((includes.Length == 0 || includes.Contains(name)) && !excludes.Contains(name))
            {
                filtered[name] = value?.DeepClone();
            }
        }

        return filtered;
    }

    /// <summary>What the stand-in does not implement is refused as Elasticsearch refuses what it does not know, never ignored.</summary>
    private static void CheckBody(JsonObject body)
    {
        if (body.Select(p => p.Key).FirstOrDefault(k => !BodyKeys.Contains(k)) is { } unknown)
        {
            throw new StandInError(400, "parsing_exception", $"Unknown key for a START_OBJECT in [{unknown}].");
        }

        var from = body["from"]?.GetValue<int>() ?? 0;
        var size = body["size"]?.GetValue<int>() ?? 10;
        if (from + size > ResultWindow)
        {
            throw new StandInError(400, "illegal_argument_exception",
                $"Result window is too large, from + size must be less than or equal to: [{ResultWindow}] but was [{from + size}]. See the scroll api for a more efficient way to request large data sets.");
        }

        var sorts = body["sort"] switch { JsonArray many => many.Count, null => 0, _ => 1 };
        if (body["search_after"] is JsonArray after && after.Count != sorts)
        {
            throw new StandInError(400, "illegal_argument_exception", $"search_after has {after.Count} value(s) but sort has {sorts}.");
        }

        foreach (var key in (body["sort"] switch { JsonArray many => many.ToList(), JsonNode one => [one], null => [] }).OfType<JsonObject>())
        {
            if (key.First().Value is JsonObject options && options.Select(o => o.Key).FirstOrDefault(k => k is not ("order" or "missing")) is { } option)
            {
                throw new StandInError(400, "x_content_parse_exception", $"[1:1] [field_sort] unknown field [{option}]");
            }
        }
    }

    /// <summary>
    /// hits.total as Elasticsearch counts it: exactly when track_total_hits is true, else up to its
    /// number (10,000 by default) and then "gte".
    /// </summary>
    private static JsonObject TotalHits(JsonNode? track, int total)
    {
        var cap = track switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.True => int.MaxValue,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<int>(),
            _ => 10_000,
        };
        return total > cap
            ? new JsonObject { ["value"] = cap, ["relation"] = "gte" }
            : new JsonObject { ["value"] = total, ["relation"] = "eq" };
    }

    public static long Count(List<StandInIndex> indices, JsonObject? body) => Matching(indices, body?["query"] as JsonObject).Count;

    /// <summary>Lower case without diacritics, đ → d: what asciifolding + lowercase produce for Vietnamese.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch { 'đ' => 'd', 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }

        return builder.ToString();
    }

    private static List<(string Index, string Id, JsonObject Source)> Matching(List<StandInIndex> indices, JsonObject? query) =>
        [.. indices.SelectMany(i => i.Documents.Select(d => (i.Name, d.Key, d.Value.Source))).Where(d => Matches(query, d.Source))];

    private static bool Matches(JsonObject? query, JsonObject source)
    {
        if (query is null || query.Count == 0)
        {
            return true;
        }

        var (kind, spec) = query.First();
        return kind switch
        {
            "match_all" => true,
            "term" => spec!.AsObject().All(p => Equal(Value(source, p.Key), p.Value is JsonObject o ? o["value"] : p.Value)),
            "terms" => spec!.AsObject().All(p => p.Value!.AsArray().Any(v => Equal(Value(source, p.Key), v))),
            "range" => spec!.AsObject().All(p => InRange(Value(source, p.Key), p.Value!.AsObject())),
            "match" => spec!.AsObject().All(p => MatchText(source, p.Key, p.Value is JsonObject o ? o["query"]!.ToString() : p.Value!.ToString(), p.Value is JsonObject oo && oo["operator"]?.ToString() == "and")),
            "exists" => Value(source, spec!["field"]!.ToString()) is not null,
            "bool" => Bool(spec!.AsObject(), source),
            _ => throw new StandInError(400, "parsing_exception", $"unknown query [{kind}]"),
        };
    }

    private static bool Bool(JsonObject spec, JsonObject source)
    {
        static IEnumerable<JsonObject> Clauses(JsonNode? node) => node switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };

        var must = Clauses(spec["must"]).Concat(Clauses(spec["filter"])).All(q => Matches(q, source));
        var mustNot = Clauses(spec["must_not"]).Any(q => Matches(q, source));
        var should = Clauses(spec["should"]).ToList();
        return must && !mustNot && (should.Count == 0 || should.Any(q => Matches(q, source)));
    }

    private static bool MatchText(JsonObject source, string field, string query, bool all)
    {
        var folded = field.EndsWith(".folded", StringComparison.Ordinal);
        var text = Value(source, field)?.ToString();
        if (text is null)
        {
            return false;
        }

        string Normalise(string s) => folded ? Fold(s) : s.ToLowerInvariant();
        var words = Tokens(Normalise(text)).ToHashSet();
        var terms = Tokens(Normalise(query));
        return all ? terms.All(words.Contains) : terms.Any(words.Contains);
    }

    /// <summary>Runs of letters and digits, as the standard tokenizer splits Vietnamese (syllables between spaces and punctuation).</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>The fields the indices map as dates: they sort by instant, and search_after names them in epoch milliseconds.</summary>
    private static HashSet<string> DateFields(List<StandInIndex> indices) =>
        [.. indices.SelectMany(i => i.Properties).Where(p => p.Value?["type"]?.ToString() is "date" or "date_nanos").Select(p => p.Key)];

    private static JsonObject Aggregate(JsonObject aggregations, List<JsonObject> documents)
    {
        var result = new JsonObject();
        foreach (var (name, definition) in aggregations)
        {
            var spec = definition!.AsObject();
            var (kind, parameters) = spec.First(p => p.Key is not ("aggs" or "aggregations" or "meta"));
            var field = parameters?["field"]?.ToString() ?? string.Empty;
            if (kind is not "date_histogram" && parameters is JsonObject given
                && given.Select(p => p.Key).FirstOrDefault(k => k is not "field" && !(kind == "terms" && k == "size")) is { } unknown)
            {
                throw new StandInError(400, "x_content_parse_exception", $"[1:1] [{kind}] unknown field [{unknown}]");
            }

            var values = documents.SelectMany(d => Values(d, field)).ToList();
            result[name] = kind switch
            {
                "terms" => Terms(spec, parameters!.AsObject(), documents, field),
                "date_histogram" => StandInDateHistogram.Aggregate(parameters!.AsObject(), documents, field, sub => SubAggregate(spec, sub)),
                "min" => Metric(values.Count == 0 ? null : values.Min(Number), field),
                "max" => Metric(values.Count == 0 ? null : values.Max(Number), field),
                "sum" => new JsonObject { ["value"] = values.Sum(Number) },
                "avg" => new JsonObject { ["value"] = values.Count == 0 ? null : values.Average(Number) },
                "value_count" => new JsonObject { ["value"] = values.Count },
                "cardinality" => new JsonObject { ["value"] = values.Select(v => v.ToJsonString()).Distinct().Count() },
                _ => throw new StandInError(400, "parsing_exception", $"Unknown aggregation type [{kind}] did you mean [terms]?"),
            };
        }

        return result;
    }

    /// <summary>The sub-aggregations of <paramref name="spec"/> over one bucket's documents (none: an empty object).</summary>
    private static JsonObject SubAggregate(JsonObject spec, List<JsonObject> documents) =>
        (spec["aggs"] ?? spec["aggregations"]) is JsonObject sub ? Aggregate(sub, documents) : [];

    /// <summary>A field's values in one document (an array field gives each element).</summary>
    internal static IEnumerable<JsonNode> FieldValues(JsonObject source, string field) => Values(source, field);

    /// <summary>A date or number as Elasticsearch compares it: dates in epoch milliseconds.</summary>
    internal static double NumberOf(JsonNode value) => Number(value);

    private static JsonObject Terms(JsonObject spec, JsonObject parameters, List<JsonObject> documents, string field)
    {
        var size = parameters["size"]?.GetValue<int>() ?? 10;
        var groups = documents
            .SelectMany(d => Values(d, field).Select(v => (Key: v.ToString(), Document: d)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var buckets = new JsonArray();
        foreach (var group in groups.Take(size))
        {
            var bucket = new JsonObject { ["key"] = group.Key, ["doc_count"] = group.Count() };
            if ((spec["aggs"] ?? spec["aggregations"]) is JsonObject sub)
            {
                foreach (var (name, value) in Aggregate(sub, [.. group.Select(p => p.Document).Distinct()]))
                {
                    bucket[name] = value?.DeepClone();
                }
            }

            buckets.Add(bucket);
        }

        return new JsonObject
        {
            ["doc_count_error_upper_bound"] = 0,
            ["sum_other_doc_count"] = groups.Skip(size).Sum(g => g.Count()),
            ["buckets"] = buckets,
        };
    }

    private static JsonObject Metric(double? value, string field)
    {
        var metric = new JsonObject { ["value"] = value };
        if (value is { } ms && (field.EndsWith("_at", StringComparison.Ordinal) || field == "@timestamp"))
        {
            metric["value_as_string"] = DateTimeOffset.FromUnixTimeMilliseconds((long)ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        return metric;
    }

    private static double Number(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<double>(),
        JsonValueKind.String when DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) => time.ToUnixTimeMilliseconds(),
        JsonValueKind.String => double.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
        _ => 0,
    };

    private static IEnumerable<JsonNode> Values(JsonObject source, string field) => Value(source, field) switch
    {
        JsonArray array => array.OfType<JsonNode>(),
        { } single => [single],
        null => [],
    };

    /// <summary>A field by dotted path; sub-fields (<c>title.raw</c>, <c>author.folded</c>) read their parent.</summary>
    private static JsonNode? Value(JsonObject source, string field)
    {
        if (source.TryGetPropertyValue(field, out var direct))
        {
            return direct;
        }

        JsonNode? node = source;
        foreach (var part in field.Split('.'))
        {
            if (node is not JsonObject obj)
            {
                // A sub-field of a leaf value: title.raw reads title.
                return node;
            }

            if (!obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static bool Equal(JsonNode? a, JsonNode? b) =>
        a is JsonArray array ? array.Any(e => Equal(e, b)) : a is not null && b is not null && a.ToString() == b.ToString();

    private static bool InRange(JsonNode? value, JsonObject range)
    {
        if (range.Select(p => p.Key).FirstOrDefault(k => k is not ("gte" or "gt" or "lte" or "lt")) is { } unknown)
        {
            throw new StandInError(400, "parsing_exception", $"[range] query does not support [{unknown}]");
        }

        if (value is null)
        {
            return false;
        }

        var v = Number(value);
        return (range["gte"] is not { } gte || v >= Number(gte)) && (range["gt"] is not { } gt || v > Number(gt))
            && (range["lte"] is not { } lte || v <= Number(lte)) && (range["lt"] is not { } lt || v < Number(lt));
    }

    private static string FieldOf(JsonNode sort) => sort is JsonObject o ? o.First().Key : sort.ToString();

    private static bool Descending(JsonNode sort) =>
        sort is JsonObject o && (o.First().Value is JsonObject spec ? spec["order"]?.ToString() : o.First().Value?.ToString()) == "desc";

    /// <summary>Where documents without the field go: <c>_last</c> (the default) whatever the order, or <c>_first</c>.</summary>
    private static bool MissingFirst(JsonNode sort) =>
        sort is JsonObject o && o.First().Value is JsonObject spec && spec["missing"]?.ToString() == "_first";

    private static int CompareBy(JsonArray sort, JsonObject a, JsonObject b, HashSet<string> dates)
    {
        foreach (var key in sort)
        {
            var field = FieldOf(key!);
            var comparison = CompareKey(key!, Value(a, field), Value(b, field), dates.Contains(field));
            if (comparison != 0)
            {
                return comparison;
            }
        }

        return 0;
    }

    private static int CompareToAfter(JsonArray sort, JsonObject source, JsonArray after, HashSet<string> dates)
    {
        for (var i = 0; i < sort.Count && i < after.Count; i++)
        {
            var field = FieldOf(sort[i]!);
            var comparison = CompareKey(sort[i]!, Value(source, field), after[i], dates.Contains(field));
            if (comparison != 0)
            {
                return comparison;
            }
        }

        return 0;
    }

    /// <summary>One sort key: missing values placed by <c>missing</c>, present ones in the key's order.</summary>
    private static int CompareKey(JsonNode key, JsonNode? a, JsonNode? b, bool date)
    {
        if (a is null || b is null)
        {
            var missing = (a is null ? 1 : 0) - (b is null ? 1 : 0);
            return MissingFirst(key) ? -missing : missing;
        }

        var comparison = date ? Number(a).CompareTo(Number(b)) : CompareValues(a, b);
        return Descending(key) ? -comparison : comparison;
    }

    private static int CompareValues(JsonNode a, JsonNode b) =>
        a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number
            ? a.GetValue<double>().CompareTo(b.GetValue<double>())
            : string.CompareOrdinal(a.ToString(), b.ToString());
}
