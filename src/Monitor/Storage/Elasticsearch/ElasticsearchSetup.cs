using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

public sealed record SetupStep(string Kind, string Name, string Outcome);

/// <summary>
/// Installs or updates the ILM policy, component and index templates, then makes sure each alias
/// has its first index and each data stream exists. Every step is a PUT of the same content or a
/// check before create, so running it again changes nothing.
/// </summary>
internal sealed class ElasticsearchSetup(ElasticsearchTransport transport, ILogger<ElasticsearchSetup> logger)
{
    public async Task<IReadOnlyList<SetupStep>> InstallAsync(CancellationToken cancellationToken = default)
    {
        var steps = new List<SetupStep>();
        foreach (var template in ElasticsearchTemplates.All)
        {
            var response = await transport.SendAsync(HttpMethod.Put, template.Path, template.Body.DeepClone(), cancellationToken);
            Require(response, $"{template.Kind} template '{template.Name}'");
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
        var exists = await transport.SendAsync(HttpMethod.Head, $"/{alias}", cancellationToken: cancellationToken);
        if (exists.Status == 200)
        {
            return new SetupStep("alias", alias, "exists");
        }

        var body = new JsonObject
        {
            ["aliases"] = new JsonObject { [alias] = new JsonObject { ["is_write_index"] = true } },
        };
        var created = await transport.SendAsync(HttpMethod.Put, $"/{ElasticsearchIndices.FirstIndexFor(alias)}", body, cancellationToken);

        // Another worker may have created it between the check and the create.
        if (created.Status == 400 && created.ErrorSummary().StartsWith("resource_already_exists_exception", StringComparison.Ordinal))
        {
            return new SetupStep("alias", alias, "exists");
        }

        Require(created, $"index {ElasticsearchIndices.FirstIndexFor(alias)} behind alias '{alias}'");
        return new SetupStep("alias", alias, $"created on {ElasticsearchIndices.FirstIndexFor(alias)}");
    }

    private async Task<SetupStep> EnsureDataStreamAsync(string name, CancellationToken cancellationToken)
    {
        var existing = await transport.SendAsync(HttpMethod.Get, $"/_data_stream/{name}", cancellationToken: cancellationToken);
        if (existing.Status == 200)
        {
            return new SetupStep("data stream", name, "exists");
        }

        var created = await transport.SendAsync(HttpMethod.Put, $"/_data_stream/{name}", cancellationToken: cancellationToken);
        if (created.Status == 400 && created.ErrorSummary().StartsWith("resource_already_exists_exception", StringComparison.Ordinal))
        {
            return new SetupStep("data stream", name, "exists");
        }

        Require(created, $"data stream '{name}'");
        return new SetupStep("data stream", name, "created");
    }

    private SetupStep Log(SetupStep step)
    {
        ElasticsearchLog.SetupStep(logger, step.Kind, step.Name, step.Outcome);
        return step;
    }

    private static void Require(ElasticsearchResponse response, string what)
    {
        if (!response.IsSuccess)
        {
            throw new ElasticsearchException($"Elasticsearch refused {what} with {response.Status}: {response.ErrorSummary()}", response.Status, isTransient: response.Status >= 500);
        }
    }
}
