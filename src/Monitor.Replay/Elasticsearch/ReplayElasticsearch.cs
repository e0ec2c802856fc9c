using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// An Elasticsearch stand-in on 127.0.0.1: the endpoints the worker uses, answering as the REST
/// spec and YAML tests in <c>../shared/elasticsearch/</c> describe, with documents in memory so a
/// test can assert the final state exactly, every request recorded, and faults on demand.
/// </summary>
public sealed partial class ReplayElasticsearch : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly StandInCluster cluster = new();
    private readonly List<RecordedRequest> requests = [];

    private ReplayElasticsearch(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>What <c>GET /</c> reports: a 9.x server, as the worker's client expects; tests set "8.15.3" or "10.0.0" to check the version gate.</summary>
    public string Version { get; set; } = "9.1.5";

    /// <summary>Cluster health status; "red" makes a wait for yellow time out (408).</summary>
    public string Health { get; set; } = "yellow";

    /// <summary>The <c>X-Elastic-Product</c> header on every answer; null: none, as a server that is not Elasticsearch.</summary>
    public string? ProductHeader { get; set; } = "Elasticsearch";

    /// <summary>When set, requests without exactly this Authorization header get 401.</summary>
    public string? RequiredAuthorization { get; set; }

    public StandInFaults Faults { get; } = new();

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static Task<ReplayElasticsearch> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>The stand-in behind HTTPS with this server certificate, as a secured cluster is.</summary>
    public static Task<ReplayElasticsearch> StartTlsAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default) => StartAsync(certificate, cancellationToken);

    private static async Task<ReplayElasticsearch> StartAsync(X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        ReplayElasticsearch? standIn = null;
        app.Run(context => standIn!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn = new ReplayElasticsearch(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return standIn;
    }

    /// <summary>The documents behind an alias, data stream or index, by id (all backing indices together).</summary>
    public IReadOnlyDictionary<string, JsonObject> Documents(string target)
    {
        lock (cluster.Gate)
        {
            if (!cluster.Exists(target))
            {
                return new Dictionary<string, JsonObject>();
            }

            var all = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var index in cluster.ReadIndices(target))
            {
                foreach (var (id, document) in index.Documents)
                {
                    // Same id in two backing indices would be a duplicate: keep both visible to the test.
                    all[all.ContainsKey(id) ? $"{id}#{index.Name}" : id] = document.Source.DeepClone().AsObject();
                }
            }

            return all;
        }
    }

    public IReadOnlyCollection<string> ComponentTemplateNames { get { lock (cluster.Gate) { return [.. cluster.ComponentTemplates.Keys]; } } }

    public IReadOnlyCollection<string> IndexTemplateNames { get { lock (cluster.Gate) { return [.. cluster.IndexTemplates.Keys]; } } }

    public IReadOnlyCollection<string> DataStreamNames { get { lock (cluster.Gate) { return [.. cluster.DataStreams.Keys]; } } }

    public IReadOnlyCollection<string> IndexNames { get { lock (cluster.Gate) { return [.. cluster.Indices.Keys]; } } }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            [.. context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty)))],
            context.Request.ContentType,
            context.Request.Headers.Accept.ToString() is { Length: > 0 } accept ? accept : null,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            buffer.ToArray());
        lock (requests)
        {
            requests.Add(request);
        }

        if (ProductHeader is not null)
        {
            context.Response.Headers["X-Elastic-Product"] = ProductHeader;
        }
        var fault = Faults.Request?.Invoke(request);
        if (fault?.Delay is { } delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (fault?.DropBeforeApplying == true)
        {
            context.Abort();
            return;
        }

        if (fault?.Status is { } status)
        {
            if (fault.RetryAfter is { } after)
            {
                context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await WriteAsync(context, status, status == 429
                ? new StandInError(429, "es_rejected_execution_exception", "rejected execution of coordinating operation (injected)").ToBody()
                : new StandInError(status, "unavailable_shards_exception", $"injected {status}").ToBody());
            return;
        }

        (int Status, JsonNode? Body) answer;
        try
        {
            CheckHeaders(request);
            answer = Route(request);
        }
        catch (StandInError error)
        {
            answer = (error.Status, error.ToBody());
        }
        catch (JsonException exception)
        {
            answer = (400, new StandInError(400, "x_content_parse_exception", exception.Message).ToBody());
        }

        if (fault?.DropAfterApplying == true)
        {
            context.Abort();
            return;
        }

        await WriteAsync(context, answer.Status, answer.Body, compatible: CompatibleWith(request.Accept));
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode? body, int? compatible = null)
    {
        context.Response.StatusCode = status;
        if (body is null || HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        // Elasticsearch answers in the compatibility version it was asked for.
        context.Response.ContentType = compatible is { } major ? $"application/vnd.elasticsearch+json;compatible-with={major}" : "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body.ToJsonString()), context.RequestAborted);
    }

    private void CheckHeaders(RecordedRequest request)
    {
        if (RequiredAuthorization is not null && request.Authorization != RequiredAuthorization)
        {
            throw new StandInError(401, "security_exception", $"missing authentication credentials for REST request [{request.Path}]");
        }

        var accept = CompatibleWith(request.Accept);
        var contentType = request.Body.Length > 0 ? CompatibleWith(request.ContentType) : accept;
        if ((accept is not null || contentType is not null) && accept != contentType)
        {
            throw new StandInError(400, "media_type_header_exception",
                $"Invalid media-type value on headers [Accept, Content-Type]: A compatible version is required on both Content-Type and Accept headers if either one has requested a compatible version and the compatible versions must match. Accept={request.Accept}, Content-Type={request.ContentType}");
        }

        var major = int.Parse(Version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        if (accept is { } wanted && wanted != major && wanted != major - 1)
        {
            throw new StandInError(400, "media_type_header_exception", $"Invalid media-type value on headers [Accept]: compatible-with={wanted} is not supported by version {Version}");
        }
    }

    private static int? CompatibleWith(string? header)
    {
        var match = header is null ? null : CompatibleWithPattern().Match(header);
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"compatible-with=(\d+)")]
    private static partial Regex CompatibleWithPattern();

    private (int Status, JsonNode? Body) Route(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = request.Method;
        JsonObject? Body() => request.Body.Length == 0 ? null : JsonNode.Parse(request.Body) as JsonObject;
        lock (cluster.Gate)
        {
            switch (segments)
            {
                case [] when method == "GET":
                    return (200, Info());
                case [] when method == "HEAD":
                    return (200, null); // ping: the client's node pool checks a node before first use
                case ["_cluster", "health", ..] when method == "GET":
                    return ClusterHealth(request);
                case ["_component_template", var name] when method is "PUT" or "POST":
                    cluster.PutComponentTemplate(name, Body() ?? []);
                    return Acknowledged();
                case ["_index_template", var name] when method is "PUT" or "POST":
                    cluster.PutIndexTemplate(name, Body() ?? []);
                    return Acknowledged();
                case ["_ilm", "policy", var name] when method == "PUT":
                    cluster.LifecyclePolicies[name] = Body()?["policy"] as JsonObject ?? throw new StandInError(400, "x_content_parse_exception", "[1:1] policy is missing");
                    return Acknowledged();
                case ["_data_stream", var name] when method == "PUT":
                    cluster.CreateDataStream(name);
                    return Acknowledged();
                case ["_data_stream", var name] when method == "GET":
                    return DataStream(name);
                case ["_bulk"] when method is "POST" or "PUT":
                    return (200, StandInBulk.Apply(cluster, request.Body, null, Faults));
                case [var index, "_bulk"] when method is "POST" or "PUT":
                    return (200, StandInBulk.Apply(cluster, request.Body, index, Faults));
                case [var target, "_search"] when method is "POST" or "GET":
                    return (200, StandInSearch.Search(cluster.ReadIndices(target), Body() ?? []));
                case [var target, "_count"] when method is "POST" or "GET":
                    return (200, new JsonObject { ["count"] = StandInSearch.Count(cluster.ReadIndices(target), Body()) });
                case [var target, "_doc", var id] when method == "GET":
                    return StandInDocuments.Get(cluster, target, id);
                case [var target, "_doc", var id] when method is "PUT" or "POST":
                    return StandInDocuments.Index(cluster, target, id, Body() ?? throw new StandInError(400, "parse_exception", "request body is required"), request.Query);
                case [var target, "_mget"] when method is "POST" or "GET":
                    return (200, Mget(target, Body() ?? [], request.Query));
                case [var target, "_refresh"] when method is "POST" or "GET":
                    cluster.ReadIndices(target);
                    return (200, new JsonObject { ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 } });
                case [var index] when method == "HEAD" && !index.StartsWith('_'):
                    return (cluster.Exists(index) ? 200 : 404, null);
                case [var index] when method is "PUT" && !index.StartsWith('_'):
                    cluster.CreateIndex(index, Body());
                    return (200, new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = index });
                default:
                    return (400, new JsonObject { ["error"] = $"no handler found for uri [{request.Path}] and method [{method}]" });
            }
        }
    }

    private JsonObject Info() => new()
    {
        ["name"] = "standin-node",
        ["cluster_name"] = "monitor-standin",
        ["cluster_uuid"] = "c2F0aXNmaWVkLXN0YW5kaW4",
        ["version"] = new JsonObject
        {
            ["number"] = Version,
            ["build_flavor"] = "default",
            ["build_type"] = "docker",
            ["lucene_version"] = "10.2.2",
            ["minimum_wire_compatibility_version"] = "8.19.0",
            ["minimum_index_compatibility_version"] = "8.0.0",
        },
        ["tagline"] = "You Know, for Search",
    };

    private (int, JsonNode?) ClusterHealth(RecordedRequest request)
    {
        var waitFor = request.Query.FirstOrDefault(q => q.Key == "wait_for_status").Value;
        var rank = new Dictionary<string, int> { ["red"] = 0, ["yellow"] = 1, ["green"] = 2 };
        var timedOut = waitFor is not null && rank[Health] < rank[waitFor];
        var body = new JsonObject
        {
            ["cluster_name"] = "monitor-standin",
            ["status"] = Health,
            ["timed_out"] = timedOut,
            ["number_of_nodes"] = 1,
            ["number_of_data_nodes"] = 1,
            ["active_primary_shards"] = cluster.Indices.Count,
            ["active_shards_percent_as_number"] = Health == "green" ? 100.0 : 50.0,
        };
        return (timedOut ? 408 : 200, body);
    }

    private (int, JsonNode?) DataStream(string name)
    {
        if (!cluster.DataStreams.TryGetValue(name, out var backing))
        {
            throw new StandInError(404, "index_not_found_exception", $"no such index [{name}]");
        }

        var template = cluster.MatchingTemplate(name);
        var stream = new JsonObject
        {
            ["name"] = name,
            ["timestamp_field"] = new JsonObject { ["name"] = "@timestamp" },
            ["indices"] = new JsonArray([.. backing.Select(b => (JsonNode)new JsonObject { ["index_name"] = b, ["index_uuid"] = b })]),
            ["generation"] = backing.Count,
            ["status"] = Health.ToUpperInvariant(),
            ["template"] = template?["name"]?.ToString(),
            ["hidden"] = false,
            ["system"] = false,
        };
        return (200, new JsonObject { ["data_streams"] = new JsonArray(stream) });
    }

    private JsonObject Mget(string target, JsonObject body, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var includes = query.FirstOrDefault(q => q.Key == "_source_includes").Value?.Split(',');
        var indices = cluster.ReadIndices(target);
        var docs = new JsonArray();
        foreach (var id in (body["ids"] as JsonArray ?? []).Select(i => i!.ToString()))
        {
            var hit = indices.Select(i => (i.Name, Found: i.Documents.TryGetValue(id, out var d), d.Source)).FirstOrDefault(f => f.Found);
            if (!hit.Found)
            {
                docs.Add(new JsonObject { ["_index"] = target, ["_id"] = id, ["found"] = false });
                continue;
            }

            var source = new JsonObject();
            foreach (var (name, value) in hit.Source)
            {
                if (includes is null || includes.Contains(name))
                {
                    source[name] = value?.DeepClone();
                }
            }

            docs.Add(new JsonObject { ["_index"] = hit.Name, ["_id"] = id, ["_version"] = 1, ["found"] = true, ["_source"] = source });
        }

        return new JsonObject { ["docs"] = docs };
    }

    private static (int, JsonNode?) Acknowledged() => (200, new JsonObject { ["acknowledged"] = true });
}
