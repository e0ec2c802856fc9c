using System.Text.Json.Nodes;
using Monitor.Tests.Support;

namespace Monitor.Tests.Dashboards;

/// <summary>The files under dashboards/elasticsearch/, read from disk, with the merged mapping per index template.</summary>
public static class TemplateMappings
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "dashboards", "elasticsearch");

    public static JsonObject Read(string kind, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, kind, name + ".json")))!.AsObject();

    public static IEnumerable<string> Names(string kind) =>
        Directory.GetFiles(Path.Combine(Folder, kind), "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>Field properties of an index template, components merged in order.</summary>
    public static JsonObject Properties(string indexTemplate)
    {
        var merged = new JsonObject();
        var template = Read("index", indexTemplate);
        foreach (var component in template["composed_of"]!.AsArray().Select(c => c!.ToString()))
        {
            foreach (var (field, mapping) in Read("component", component)["template"]!["mappings"]?["properties"] as JsonObject ?? [])
            {
                merged[field] = mapping!.DeepClone();
            }
        }

        return merged;
    }

    /// <summary>The mapping of a field path like <c>title.raw</c> (a sub-field) or <c>@timestamp</c>, or null.</summary>
    public static JsonObject? Field(JsonObject properties, string path)
    {
        if (properties[path] is JsonObject direct)
        {
            return direct;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || properties[path[..dot]] is not JsonObject parent)
        {
            return null;
        }

        var rest = path[(dot + 1)..];
        return parent["fields"]?[rest] as JsonObject ?? (parent["properties"] is JsonObject inner ? Field(inner, rest) : null);
    }

    public static bool IsAggregatable(JsonObject field) =>
        field["type"]?.ToString() is "keyword" or "long" or "integer" or "double" or "float" or "date" or "boolean";
}
