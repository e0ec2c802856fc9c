using System.Reflection;
using System.Text.Json.Nodes;

namespace Monitor.Storage.Elasticsearch;

/// <summary>One file under <c>dashboards/elasticsearch/</c>: its kind (folder), name (file name) and the body to PUT.</summary>
public sealed record ElasticsearchTemplate(string Kind, string Name, JsonNode Body)
{
    public string Path => Kind switch
    {
        "ilm" => $"/_ilm/policy/{Name}",
        "component" => $"/_component_template/{Name}",
        "index" => $"/_index_template/{Name}",
        _ => throw new InvalidOperationException($"Unknown template kind '{Kind}'."),
    };
}

/// <summary>
/// The templates and ILM policy from <c>dashboards/elasticsearch/</c>, compiled into the library
/// so the worker installs exactly the mappings it was built against, wherever it runs.
/// </summary>
public static class ElasticsearchTemplates
{
    private const string Prefix = "ElasticsearchTemplates/";

    /// <summary>In install order: policies, then components, then the index templates that compose them.</summary>
    public static IReadOnlyList<ElasticsearchTemplate> All { get; } = Load();

    private static List<ElasticsearchTemplate> Load()
    {
        var assembly = typeof(ElasticsearchTemplates).Assembly;
        var order = new[] { "ilm", "component", "index" };
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(template => Array.IndexOf(order, template.Kind))
            .ThenBy(template => template.Name, StringComparer.Ordinal)];
    }

    private static ElasticsearchTemplate Read(Assembly assembly, string resource)
    {
        var relative = resource[Prefix.Length..].Replace('\\', '/');
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        using var stream = assembly.GetManifestResourceStream(resource)!;
        var body = JsonNode.Parse(stream) ?? throw new InvalidOperationException($"Template {resource} is empty.");
        return new ElasticsearchTemplate(relative[..slash], System.IO.Path.GetFileNameWithoutExtension(relative[(slash + 1)..]), body);
    }
}
