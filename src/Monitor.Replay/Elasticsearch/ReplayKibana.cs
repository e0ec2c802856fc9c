using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// A Kibana stand-in for the saved-objects import API: multipart NDJSON upload with
/// <c>kbn-xsrf</c>, overwrite semantics, and per-object errors (missing references, unsupported
/// types, conflicts) reported in a 200 answer, the way Kibana does.
/// </summary>
public sealed class ReplayKibana : IAsyncDisposable
{
    private static readonly HashSet<string> SupportedTypes = ["index-pattern", "lens", "visualization", "dashboard", "search", "tag", "config"];

    private readonly WebApplication app;
    private readonly Dictionary<(string Type, string Id), JsonObject> objects = [];
    private readonly Lock gate = new();

    private ReplayKibana(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Returns an error type ("unknown", "unsupported_type" …) to fail one object on import.</summary>
    public Func<string, string, string?>? FailObject { get; set; }

    public string? RequiredAuthorization { get; set; }

    public int ImportRequests { get; private set; }

    public IReadOnlyDictionary<(string Type, string Id), JsonObject> Objects
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<(string, string), JsonObject>(objects);
            }
        }
    }

    public static async Task<ReplayKibana> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ReplayKibana? standIn = null;
        app.MapGet("/api/status", () => Results.Json(new { status = new { overall = new { level = "available" } }, version = new { number = "9.1.5" } }));
        app.MapPost("/api/saved_objects/_import", (Delegate)((HttpContext context) => standIn!.ImportAsync(context)));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn = new ReplayKibana(app, new Uri(address + "/"));
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> ImportAsync(HttpContext context)
    {
        ImportRequests++;
        if (RequiredAuthorization is not null && context.Request.Headers.Authorization.ToString() != RequiredAuthorization)
        {
            return Results.Json(new { statusCode = 401, error = "Unauthorized", message = "Unauthorized" }, statusCode: 401);
        }

        if (!context.Request.Headers.ContainsKey("kbn-xsrf"))
        {
            return Results.Json(new { statusCode = 400, error = "Bad Request", message = "Request must contain a kbn-xsrf header." }, statusCode: 400);
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.Json(new { statusCode = 415, error = "Unsupported Media Type", message = "Unsupported Media Type" }, statusCode: 415);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null || !file.FileName.EndsWith(".ndjson", StringComparison.Ordinal))
        {
            return Results.Json(new { statusCode = 400, error = "Bad Request", message = "Invalid file extension .txt" }, statusCode: 400);
        }

        var overwrite = context.Request.Query["overwrite"] == "true";
        using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
        var incoming = new List<JsonObject>();
        while (await reader.ReadLineAsync(context.RequestAborted) is { } line)
        {
            if (line.Length > 0 && JsonNode.Parse(line) is JsonObject o && o["type"] is not null)
            {
                incoming.Add(o);
            }
        }

        var successes = new JsonArray();
        var errors = new JsonArray();
        lock (gate)
        {
            var inFile = incoming.Select(o => (o["type"]!.ToString(), o["id"]!.ToString())).ToHashSet();
            foreach (var item in incoming)
            {
                var key = (Type: item["type"]!.ToString(), Id: item["id"]!.ToString());
                var title = item["attributes"]?["title"]?.ToString() ?? key.Id;
                var missing = (item["references"] as JsonArray ?? [])
                    .Select(r => (Type: r!["type"]!.ToString(), Id: r["id"]!.ToString()))
                    .Where(r => !inFile.Contains(r) && !objects.ContainsKey(r))
                    .ToList();
                JsonObject? error = FailObject?.Invoke(key.Type, key.Id) is { } injected ? new JsonObject { ["type"] = injected }
                    : !SupportedTypes.Contains(key.Type) ? new JsonObject { ["type"] = "unsupported_type" }
                    : missing.Count > 0 ? new JsonObject { ["type"] = "missing_references", ["references"] = new JsonArray([.. missing.Select(m => (JsonNode)new JsonObject { ["type"] = m.Type, ["id"] = m.Id })]) }
                    : objects.ContainsKey(key) && !overwrite ? new JsonObject { ["type"] = "conflict" }
                    : null;
                if (error is not null)
                {
                    errors.Add(new JsonObject { ["id"] = key.Id, ["type"] = key.Type, ["title"] = title, ["meta"] = new JsonObject { ["title"] = title }, ["error"] = error });
                    continue;
                }

                var replaced = objects.ContainsKey(key);
                objects[key] = item;
                successes.Add(new JsonObject { ["type"] = key.Type, ["id"] = key.Id, ["meta"] = new JsonObject { ["title"] = title }, ["overwrite"] = replaced, ["managed"] = false });
            }
        }

        return Results.Json(new JsonObject { ["success"] = errors.Count == 0, ["successCount"] = successes.Count, ["successResults"] = successes, ["errors"] = errors });
    }
}
