using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

public sealed record SetupStep(string Kind, string Name, string Outcome);

/// <summary>
/// Installs or updates the ILM policy, component and index templates, then makes sure each alias
/// has its first index and each data stream exists. Every step is a PUT of the same content or a
/// check before create, so running it again changes nothing.
/// </summary>
/// <remarks>
/// Policies and templates go on the client's raw path: they are JSON files under
/// <c>dashboards/elasticsearch/</c> that people read, edit and diff, and sending the file as it is
/// means no field the typed model lacks is ever dropped on the way. Aliases and data streams use
/// the client's typed requests.
/// </remarks>
internal sealed class ElasticsearchSetup(ElasticsearchRequests requests, ILogger<ElasticsearchSetup> logger)
{
    public async Task<IReadOnlyList<SetupStep>> InstallAsync(CancellationToken cancellationToken = default)
    {
        var steps = new List<SetupStep>();
        foreach (var template in ElasticsearchTemplates.All)
        {
            var response = await requests.RawAsync(Elastic.Transport.HttpMethod.PUT, template.Path, template.Body, cancellationToken);
            if (!response.IsSuccess)
            {
                throw Refused($"{template.Kind} template '{template.Name}'", response.Status, response.ErrorSummary());
            }

            steps.Add(Log(new SetupStep(template.Kind, template.Name, "installed")));
        }

        foreach (var alias in ElasticsearchIndices.Aliases)
        {
            steps.Add(Log(await EnsureAliasAsync(alias, cancellationToken)));
        }

        foreach (var stream in ElasticsearchIndices.DataStreams)
        {
            steps.Add(Log(await EnsureDataStreamAsync(stream, cancellationToken)));
        }

        return steps;
    }

    private async Task<SetupStep> EnsureAliasAsync(string alias, CancellationToken cancellationToken)
    {
        var exists = await requests.SendAsync($"HEAD /{alias}", (client, token) => client.Indices.ExistsAsync(alias, token), cancellationToken);
        if (exists.Exists)
        {
            return new SetupStep("alias", alias, "exists");
        }

        var index = ElasticsearchIndices.FirstIndexFor(alias);
        var request = new CreateIndexRequest(index)
        {
            Aliases = new Dictionary<Name, Alias> { [alias] = new Alias { IsWriteIndex = true } },
        };
        var created = await requests.SendAsync($"PUT /{index}", (client, token) => client.Indices.CreateAsync(request, token), cancellationToken);

        // Another worker may have created it between the check and the create.
        if (AlreadyExists(created))
        {
            return new SetupStep("alias", alias, "exists");
        }

        Require(created, $"index {index} behind alias '{alias}'");
        return new SetupStep("alias", alias, $"created on {index}");
    }

    private async Task<SetupStep> EnsureDataStreamAsync(string name, CancellationToken cancellationToken)
    {
        var existing = await requests.SendAsync($"GET /_data_stream/{name}", (client, token) => client.Indices.GetDataStreamAsync(new GetDataStreamRequest(name), token), cancellationToken);
        if (existing.IsValidResponse && existing.DataStreams.Count > 0)
        {
            return new SetupStep("data stream", name, "exists");
        }

        var created = await requests.SendAsync($"PUT /_data_stream/{name}", (client, token) => client.Indices.CreateDataStreamAsync(name, token), cancellationToken);
        if (AlreadyExists(created))
        {
            return new SetupStep("data stream", name, "exists");
        }

        Require(created, $"data stream '{name}'");
        return new SetupStep("data stream", name, "created");
    }

    private static bool AlreadyExists(Elastic.Transport.Products.Elasticsearch.ElasticsearchResponse response) =>
        ElasticsearchRequests.StatusOf(response) == 400 && response.ElasticsearchServerError?.Error?.Type == "resource_already_exists_exception";

    private SetupStep Log(SetupStep step)
    {
        ElasticsearchLog.SetupStep(logger, step.Kind, step.Name, step.Outcome);
        return step;
    }

    private static void Require(Elastic.Transport.Products.Elasticsearch.ElasticsearchResponse response, string what)
    {
        if (!response.IsValidResponse)
        {
            var error = response.ElasticsearchServerError?.Error;
            throw Refused(what, ElasticsearchRequests.StatusOf(response), error is null ? ElasticsearchRequests.ErrorOf(response) : $"{error.Type}: {error.Reason}");
        }
    }

    private static ElasticsearchException Refused(string what, int? status, string reason) =>
        new($"Elasticsearch refused {what} with {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}: {reason}", status, isTransient: status is null or >= 500);
}
