using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Replay.Elasticsearch;
using Monitor.Tests.Support;

namespace Monitor.Tests.Elasticsearch;

/// <summary>
/// The official REST API spec files in <c>../shared/elasticsearch/api</c> (both the current
/// format and the older one some files still use), as path templates with their methods and
/// query parameters, so a test can hold every request the worker sent to them.
/// </summary>
public sealed class RestSpec
{
    private readonly List<Endpoint> endpoints = [];
    private readonly HashSet<string> commonParameters = [];

    private sealed record Endpoint(string Api, Regex Path, string Template, IReadOnlySet<string> Methods, IReadOnlySet<string> Parameters);

    public static string Folder => Path.Combine(RepositoryPaths.Shared, "elasticsearch", "api");

    public static RestSpec Load()
    {
        var spec = new RestSpec();
        foreach (var file in Directory.GetFiles(Folder, "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            if (Path.GetFileName(file) == "_common.json")
            {
                spec.commonParameters.UnionWith(document.RootElement.GetProperty("params").EnumerateObject().Select(p => p.Name));
                continue;
            }

            var api = document.RootElement.EnumerateObject().First();
            spec.Add(api.Name, api.Value);
        }

        return spec;
    }

    public int EndpointCount => endpoints.Count;

    /// <summary>Why the request breaks the spec, or null when it matches an endpoint with only declared parameters.</summary>
    public string? Violation(RecordedRequest request)
    {
        var candidates = endpoints.Where(e => e.Methods.Contains(request.Method) && e.Path.IsMatch(request.Path)).ToList();
        if (candidates.Count == 0)
        {
            return $"{request.Method} {request.Path}: no path and method in the spec";
        }

        // Literal path segments beat placeholders: "/_bulk" is the bulk API, not index "_bulk".
        var best = candidates.OrderBy(e => e.Template.Count(c => c == '{')).First();
        var undeclared = request.Query.Select(q => q.Key).Where(k => !best.Parameters.Contains(k) && !commonParameters.Contains(k)).ToList();
        return undeclared.Count == 0 ? null : $"{request.Method} {request.Path}: parameter(s) {string.Join(", ", undeclared)} not declared by {best.Api} ({best.Template})";
    }

    private void Add(string api, JsonElement definition)
    {
        var url = definition.GetProperty("url");
        var paths = url.GetProperty("paths");
        if (paths.EnumerateArray().First().ValueKind == JsonValueKind.Object)
        {
            // Current format: url.paths[] = { path, methods }, params at the top level.
            var parameters = Names(definition, "params");
            foreach (var path in paths.EnumerateArray())
            {
                var methods = path.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToHashSet();
                endpoints.Add(new Endpoint(api, Template(path.GetProperty("path").GetString()!), path.GetProperty("path").GetString()!, methods, parameters));
            }
        }
        else
        {
            // Older format: methods at the top, url.paths[] as strings, url.params.
            var parameters = Names(url, "params");
            var methods = definition.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToHashSet();
            foreach (var path in paths.EnumerateArray())
            {
                endpoints.Add(new Endpoint(api, Template(path.GetString()!), path.GetString()!, methods, parameters));
            }
        }
    }

    private static HashSet<string> Names(JsonElement element, string property) =>
        element.TryGetProperty(property, out var parameters) ? [.. parameters.EnumerateObject().Select(p => p.Name)] : [];

    private static Regex Template(string path) =>
        new("^" + Regex.Replace(Regex.Escape(path), @"\\\{[a-z_]+}", "[^/]+") + "$", RegexOptions.CultureInvariant);
}
