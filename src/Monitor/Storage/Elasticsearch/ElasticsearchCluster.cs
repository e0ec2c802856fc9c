using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

/// <summary>What <c>GET /</c> said: the version decides whether the worker can talk to it.</summary>
public sealed record ClusterInfo(string Version, int Major, string Flavor);

/// <summary>Start-up checks: a supported version (8.x, 9.x) and a cluster that can take writes.</summary>
internal sealed class ElasticsearchCluster(ElasticsearchTransport transport, ElasticsearchOptions options, ILogger<ElasticsearchCluster> logger)
{
    public async Task<ClusterInfo> CheckAsync(CancellationToken cancellationToken = default)
    {
        var info = await VersionAsync(cancellationToken);
        await WaitForHealthAsync(cancellationToken);
        return info;
    }

    public async Task<ClusterInfo> VersionAsync(CancellationToken cancellationToken = default)
    {
        ElasticsearchResponse response;
        try
        {
            response = await transport.SendAsync(HttpMethod.Get, "/", null, ElasticsearchTransport.PlainJsonMediaType, cancellationToken);
        }
        catch (Exception exception) when (ElasticsearchTransport.IsConnectionFailure(exception, cancellationToken))
        {
            throw new ElasticsearchException($"Cannot reach Elasticsearch at {transport.BaseUrl}: {exception.Message}", null, isTransient: true, exception);
        }

        if (response.Status is 401 or 403)
        {
            throw new ElasticsearchException(
                $"Elasticsearch at {transport.BaseUrl} refused the credentials ({response.Status}): {response.ErrorSummary()}. Check the variables named by store.elasticsearch.apiKeyEnv or usernameEnv/passwordEnv.",
                response.Status,
                isTransient: false);
        }

        if (!response.IsSuccess)
        {
            throw new ElasticsearchException($"GET / on {transport.BaseUrl} answered {response.Status}: {response.ErrorSummary()}", response.Status, isTransient: response.Status >= 500);
        }

        using var document = response.Json();
        var root = document.RootElement;
        var number = root.TryGetProperty("version", out var version) && version.TryGetProperty("number", out var n) ? n.GetString() : null;
        var flavor = version.ValueKind == System.Text.Json.JsonValueKind.Object && version.TryGetProperty("distribution", out var d) ? d.GetString() ?? "elasticsearch" : "elasticsearch";
        if (number is null || !int.TryParse(number.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            throw new ElasticsearchException($"{transport.BaseUrl} does not look like Elasticsearch: GET / has no version.number.", null, isTransient: false);
        }

        if (flavor != "elasticsearch" || major is not (8 or 9))
        {
            throw new ElasticsearchException(
                $"Elasticsearch {number} ({flavor}) at {transport.BaseUrl} is not supported: the worker needs Elasticsearch 8.x or 9.x (it sends compatible-with=8 headers, which 7.x and OpenSearch refuse).",
                null,
                isTransient: false);
        }

        ElasticsearchLog.Connected(logger, number, flavor, transport.BaseUrl);
        return new ClusterInfo(number, major, flavor);
    }

    private async Task WaitForHealthAsync(CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Max(1, options.HealthWaitTimeout.TotalSeconds);
        var response = await transport.SendAsync(HttpMethod.Get, $"/_cluster/health?wait_for_status=yellow&timeout={seconds}s", cancellationToken: cancellationToken);

        // 408 is how the health API says "not yet yellow after the timeout".
        if (response.Status != 200 && response.Status != 408)
        {
            throw new ElasticsearchException($"Cluster health answered {response.Status}: {response.ErrorSummary()}", response.Status, isTransient: response.Status >= 500);
        }

        using var document = response.Json();
        var status = document.RootElement.GetProperty("status").GetString() ?? "unknown";
        var nodes = document.RootElement.TryGetProperty("number_of_nodes", out var n) ? n.GetInt32() : 0;
        ElasticsearchLog.Health(logger, status, nodes);
        if (status is not ("yellow" or "green"))
        {
            throw new ElasticsearchException(
                $"Cluster health is still '{status}' after {seconds}s; the worker will not write to a cluster that cannot allocate primaries.",
                response.Status,
                isTransient: true);
        }
    }
}
