using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Cluster;
using Elastic.Transport;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

/// <summary>What <c>GET /</c> said: the version decides whether the worker can talk to it.</summary>
public sealed record ClusterInfo(string Version, int Major, string Flavor);

/// <summary>Start-up checks: the client's product check, a 9.x server, and a cluster that can take writes.</summary>
internal sealed class ElasticsearchCluster(ElasticsearchRequests requests, ElasticsearchOptions options, ILogger<ElasticsearchCluster> logger)
{
    /// <summary>The major version the official client of this build speaks (9.x client, 9.x server).</summary>
    public const int SupportedMajor = 9;

    public async Task<ClusterInfo> CheckAsync(CancellationToken cancellationToken = default)
    {
        var info = await VersionAsync(cancellationToken);
        await WaitForHealthAsync(cancellationToken);
        return info;
    }

    public async Task<ClusterInfo> VersionAsync(CancellationToken cancellationToken = default)
    {
        InfoResponse response;
        try
        {
            response = await requests.SendAsync("GET /", (client, token) => client.InfoAsync(token), cancellationToken);
        }
        catch (UnsupportedProductException exception)
        {
            throw new ElasticsearchException(
                $"{requests.Nodes} is not Elasticsearch: {exception.Message} The worker needs Elasticsearch {SupportedMajor}.x.",
                null,
                isTransient: false,
                exception);
        }

        var status = ElasticsearchRequests.StatusOf(response);
        if (status is null && ElasticsearchRequests.IsTlsFailure(response))
        {
            throw new ElasticsearchException(
                $"TLS handshake with {requests.Nodes} failed: {ElasticsearchRequests.ErrorOf(response)} Set store.elasticsearch.caCertificatePath to the cluster's CA (config/certs/http_ca.crt) or certificateFingerprint to its SHA-256 fingerprint.",
                null,
                isTransient: false);
        }

        if (status is null)
        {
            throw new ElasticsearchException($"Cannot reach Elasticsearch at {requests.Nodes}: {ElasticsearchRequests.ErrorOf(response)}", null, isTransient: true);
        }

        if (status is 401 or 403)
        {
            throw new ElasticsearchException(
                $"Elasticsearch at {requests.Nodes} refused the credentials ({status}): {response.ElasticsearchServerError?.Error?.Type}: {response.ElasticsearchServerError?.Error?.Reason}. Check the variables named by store.elasticsearch.apiKeyEnv or usernameEnv/passwordEnv.",
                status,
                isTransient: false);
        }

        if (!response.IsValidResponse)
        {
            // An older server refuses the client's compatible-with=9 headers before saying who it is;
            // ask again in plain JSON, which every version answers, to name the version in the message.
            var plain = await PlainVersionAsync(cancellationToken);
            throw plain is { } number
                ? Unsupported(number, MajorOf(number) ?? 0)
                : new ElasticsearchException($"GET / on {requests.Nodes} answered {status}: {response.ElasticsearchServerError?.Error?.Reason}", status, isTransient: status >= 500);
        }

        var version = response.Version.Number;
        var major = MajorOf(version) ?? throw new ElasticsearchException($"{requests.Nodes} does not look like Elasticsearch: GET / has no version.number.", null, isTransient: false);
        if (major != SupportedMajor)
        {
            throw Unsupported(version, major);
        }

        var flavor = response.Version.BuildFlavor;
        ElasticsearchLog.Connected(logger, version, flavor, requests.Nodes);
        return new ClusterInfo(version, major, flavor);
    }

    private ElasticsearchException Unsupported(string version, int major) => new(
        $"Elasticsearch {version} at {requests.Nodes} is not supported: the worker needs Elasticsearch {SupportedMajor}.x "
        + $"(it is built on the official {SupportedMajor}.x client, which speaks the {SupportedMajor}.x API; "
        + (major < SupportedMajor ? "upgrade the cluster to 9.x, or run a worker release built for 8.x)." : "a newer server needs a newer worker)."),
        null,
        isTransient: false);

    private async Task<string?> PlainVersionAsync(CancellationToken cancellationToken)
    {
        var plain = new RequestConfiguration { Accept = "application/json", ContentType = "application/json" };
        var response = await requests.CallOnceAsync(
            (client, token) => client.Transport.RequestAsync<BytesResponse>(Elastic.Transport.HttpMethod.GET, "/", null, plain, token),
            cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode is not 200 || response.Body is null)
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(response.Body);
            return document.RootElement.TryGetProperty("version", out var v) && v.TryGetProperty("number", out var n) ? n.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static int? MajorOf(string? version) =>
        version is not null && int.TryParse(version.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : null;

    private async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Max(1, options.HealthWaitTimeout.TotalSeconds);
        var request = new HealthRequest
        {
            WaitForStatus = HealthStatus.Yellow,
            Timeout = TimeSpan.FromSeconds(seconds),

            // 408 is how the health API says "not yet yellow after the timeout": still a health answer.
            RequestConfiguration = new RequestConfiguration { AllowedStatusCodes = [408] },
        };
        var response = await requests.SendAsync("GET /_cluster/health", (client, token) => client.Cluster.HealthAsync(request, token), cancellationToken);
        var status = ElasticsearchRequests.StatusOf(response);
        if (status is not (200 or 408))
        {
            throw new ElasticsearchException($"Cluster health answered {status?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}: {ElasticsearchRequests.ErrorOf(response)}", status, isTransient: status is null or >= 500);
        }

        var health = response.Status.ToString().ToLowerInvariant();
        ElasticsearchLog.Health(logger, health, response.NumberOfNodes);
        if (response.Status is not (HealthStatus.Yellow or HealthStatus.Green))
        {
            throw new ElasticsearchException(
                $"Cluster health is still '{health}' after {seconds}s; the worker will not write to a cluster that cannot allocate primaries.",
                status,
                isTransient: true);
        }
    }
}
