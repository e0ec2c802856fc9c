using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The HTTP handler for the cluster. With a CA certificate path, the server certificate must chain
/// to that CA (8.x signs its HTTP layer with a CA it generated); validation is never switched off.
/// </summary>
internal static class ElasticsearchHttpHandler
{
    public static SocketsHttpHandler Create(ElasticsearchOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
        };
        if (options.CaCertificatePath is { } path)
        {
            var authority = X509Certificate2.CreateFromPemFile(path);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && ChainsTo(authority, new X509Certificate2(certificate), errors),
            };
        }

        return handler;
    }

    internal static bool ChainsTo(X509Certificate2 authority, X509Certificate2 serverCertificate, SslPolicyErrors errors)
    {
        // A name mismatch is a real error even when the chain is ours.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(serverCertificate);
    }
}
