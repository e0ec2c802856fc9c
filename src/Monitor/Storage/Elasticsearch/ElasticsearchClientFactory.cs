using System.Collections.Specialized;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The one place that turns <see cref="ElasticsearchOptions"/> into the official client: the node
/// pool (one URL or several), credentials from the environment, TLS trust (a CA file or a
/// certificate fingerprint), timeouts and the headers every request carries. Everything that
/// talks to the cluster (writes, setup, read queries) uses a client built here.
/// </summary>
public static class ElasticsearchClientFactory
{
    public static ElasticsearchClient Create(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ElasticsearchClient(Settings(options));
    }

    internal static ElasticsearchClientSettings Settings(ElasticsearchOptions options)
    {
        // One node: no pinging, no dead-marking, nothing to fail over to. Several: the client pings
        // a node before first use, marks a failing one dead for a while and sends to the next.
        NodePool pool = options.Urls.Count == 1
            ? new SingleNodePool(options.Urls[0])
            : new StaticNodePool(options.Urls, randomize: false);
        var settings = new ElasticsearchClientSettings(pool)
            .RequestTimeout(options.RequestTimeout)
            .MaxRetryTimeout(options.RequestTimeout * Math.Max(1, options.Urls.Count))
            .ThrowExceptions(false)

            // Request bodies go as they are, as before: gzip would cost more CPU per batch than the
            // worker spends encoding it, for a link that is a LAN or loopback in every deployment here.
            .EnableHttpCompression(false)
            .GlobalHeaders(new NameValueCollection { ["X-Opaque-Id"] = options.OpaqueId })
            .ResponseHeadersToParse(new HeadersList("Retry-After"));
        if (ElasticsearchCredentials.FromEnvironment(options) is { } credentials)
        {
            settings = settings.Authentication(credentials);
        }

        if (options.CertificateFingerprint is { } fingerprint)
        {
            settings = settings.CertificateFingerprint(fingerprint);
        }
        else if (CertificateTrust.For(options) is { } trust)
        {
            settings = settings.ServerCertificateValidationCallback((sender, certificate, chain, errors) => trust(sender, certificate, chain, errors));
        }

        return settings;
    }

    /// <summary>64 hex digits, with or without colons: the form Elasticsearch prints at first start.</summary>
    public static bool IsFingerprint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit);
    }
}
