using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Which server certificates the stack's HTTPS endpoints may present: one chaining to the CA file
/// (Elasticsearch signs its HTTP layer with a CA it generated), or one whose chain holds the
/// certificate with the configured SHA-256 fingerprint. Null: the system's trust store decides.
/// Validation is never switched off. The Elasticsearch client and the Kibana import share it.
/// </summary>
internal static class CertificateTrust
{
    public static Func<object, X509Certificate?, X509Chain?, SslPolicyErrors, bool>? For(ElasticsearchOptions options)
    {
        if (options.CaCertificatePath is { } path)
        {
            // The certificate only: CreateFromPemFile would look for a private key in the same file.
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return (_, certificate, _, errors) => certificate is not null && ChainsTo(authority, new X509Certificate2(certificate), errors);
        }

        return null;
    }

    /// <summary>For HTTP clients other than Elasticsearch's (Kibana): the CA file or the fingerprint.</summary>
    public static SocketsHttpHandler Handler(ElasticsearchOptions options)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.GZip };
        var check = For(options) ?? (options.CertificateFingerprint is { } fingerprint ? MatchesFingerprint(fingerprint) : null);
        if (check is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => check(sender, certificate, chain, errors) };
        }

        return handler;
    }

    private static Func<object, X509Certificate?, X509Chain?, SslPolicyErrors, bool> MatchesFingerprint(string fingerprint)
    {
        var wanted = Convert.FromHexString(fingerprint.Replace(":", string.Empty, StringComparison.Ordinal));
        return (_, certificate, chain, errors) =>
            certificate is not null
            && !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
            && (chain?.ChainElements.Select(e => e.Certificate) ?? [new X509Certificate2(certificate)])
                .Any(c => CryptographicOperations.FixedTimeEquals(SHA256.HashData(c.RawData), wanted));
    }

    private static bool ChainsTo(X509Certificate2 authority, X509Certificate2 serverCertificate, SslPolicyErrors errors)
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
