using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// Checks a document against the mapping the templates gave its index, the way Elasticsearch
/// rejects it: unknown fields under <c>dynamic: strict</c>, numbers that are not numbers, dates
/// that are not dates, a data stream document without <c>@timestamp</c>.
/// </summary>
internal static class MappingCheck
{
    public static void Validate(StandInIndex index, string id, JsonObject source)
    {
        if (index.DataStream is not null && source["@timestamp"] is null)
        {
            throw new StandInError(400, "document_parsing_exception", $"[1:1] failed to parse: data stream timestamp field [@timestamp] is missing");
        }

        Walk(index, id, source, index.Properties, string.Empty);
    }

    private static void Walk(StandInIndex index, string id, JsonObject source, JsonObject properties, string prefix)
    {
        foreach (var (name, value) in source)
        {
            var path = prefix + name;
            if (properties[name] is not JsonObject mapping)
            {
                if (index.Strict)
                {
                    throw new StandInError(400, "strict_dynamic_mapping_exception", $"[1:2] mapping set to strict, dynamic introduction of [{name}] within [_doc] is not allowed");
                }

                continue;
            }

            if (value is null)
            {
                continue;
            }

            var values = value is JsonArray array ? array.ToList() : [value];
            foreach (var element in values)
            {
                if (element is null)
                {
                    continue;
                }

                if (mapping["properties"] is JsonObject inner)
                {
                    if (element is not JsonObject child)
                    {
                        throw Parsing(path, "object", id);
                    }

                    Walk(index, id, child, inner, path + ".");
                    continue;
                }

                var type = mapping["type"]?.GetValue<string>() ?? "object";
                if (!Accepts(type, element))
                {
                    throw Parsing(path, type, id);
                }
            }
        }
    }

    private static bool Accepts(string type, JsonNode value)
    {
        var kind = value.GetValueKind();
        return type switch
        {
            "long" or "integer" or "short" => kind == JsonValueKind.Number ? value.GetValue<JsonElement>().TryGetInt64(out _) : kind == JsonValueKind.String && long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "double" or "float" or "half_float" or "scaled_float" => kind == JsonValueKind.Number || (kind == JsonValueKind.String && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)),
            "date" => kind == JsonValueKind.Number || (kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)),
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "keyword" or "text" => kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False,
            _ => true,
        };
    }

    private static StandInError Parsing(string path, string type, string id) =>
        new(400, "document_parsing_exception", $"[1:2] failed to parse field [{path}] of type [{type}] in document with id '{id}'.");
}
