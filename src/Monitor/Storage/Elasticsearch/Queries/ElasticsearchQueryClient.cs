using System.Security.Cryptography.X509Certificates;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Monitor.Storage.Elasticsearch.Queries;

/// <summary>
/// The official client (Elastic.Clients.Elasticsearch 9.x) the read side talks through, built from
/// the same <see cref="ElasticsearchOptions"/> as the writer: one node, its credentials from the
/// environment, its own certificate authority when one is configured.
/// </summary>
internal static class ElasticsearchQueryClient
{
    public static ElasticsearchClient Create(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
#pragma warning disable CA2000 // The pool lives as long as the client, which the store keeps for its lifetime.
        var settings = new ElasticsearchClientSettings(new SingleNodePool(options.Url))
#pragma warning restore CA2000
            .RequestTimeout(options.RequestTimeout)

            // Query bodies are small; plain bodies also keep them readable in a proxy's log.
            .EnableHttpCompression(false)
            .GlobalHeaders(new System.Collections.Specialized.NameValueCollection { ["X-Opaque-Id"] = options.OpaqueId });
        if (Authentication(options) is { } authentication)
        {
            settings = settings.Authentication(authentication);
        }

        if (options.CaCertificatePath is { } path)
        {
            var authority = X509Certificate2.CreateFromPemFile(path);
            settings = settings.ServerCertificateValidationCallback((_, certificate, _, errors) =>
                certificate is not null && ElasticsearchHttpHandler.ChainsTo(authority, new X509Certificate2(certificate), errors));
        }

        return new ElasticsearchClient(settings);
    }

    private static AuthorizationHeader? Authentication(ElasticsearchOptions options)
    {
        var header = ElasticsearchCredentials.FromEnvironment(options);
        return header switch
        {
            null => null,
            { Scheme: "ApiKey" } => new ApiKey(header.Parameter!),
            _ => Basic(options),
        };
    }

    private static BasicAuthentication Basic(ElasticsearchOptions options) =>
        new(Environment.GetEnvironmentVariable(options.UsernameEnv!)!, Environment.GetEnvironmentVariable(options.PasswordEnv!)!);
}
