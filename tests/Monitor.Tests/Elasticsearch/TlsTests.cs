using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Replay.Elasticsearch;
using Monitor.Storage;
using Monitor.Storage.Elasticsearch;
using Monitor.Tests.Support;

namespace Monitor.Tests.Elasticsearch;

/// <summary>A cluster behind HTTPS with its own certificate: trusted by CA file or by fingerprint, refused otherwise.</summary>
public sealed class TlsTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder temp = new();
    private X509Certificate2 certificate = null!;
    private ReplayElasticsearch standIn = null!;

    public async Task InitializeAsync()
    {
        // The TLS stack checks validity against the real clock, so the certificate is dated by it.
        var now = TimeProvider.System.GetUtcNow();

        // Self-signed for 127.0.0.1: it is its own CA, as Elasticsearch's generated http_ca.crt signs its node certificate.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=monitor-standin", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        temp.Write("http_ca.crt", certificate.ExportCertificatePem());
        standIn = await ReplayElasticsearch.StartTlsAsync(certificate);
    }

    public async Task DisposeAsync()
    {
        await standIn.DisposeAsync();
        certificate.Dispose();
    }

    public void Dispose() => temp.Dispose();

    private ElasticsearchOptions Options(Func<ElasticsearchOptions, ElasticsearchOptions> adjust) => adjust(new ElasticsearchOptions
    {
        Url = standIn.Url,
        DeadLetterPath = temp.File("dead-letter.jsonl"),
        HealthWaitTimeout = TimeSpan.FromSeconds(5),
        MaxAttempts = 2,
    });

    private static ElasticsearchContentStore Store(ElasticsearchOptions options) =>
        ElasticsearchStoreRegistration.Create(options, new AutoAdvancingClock(), NullLoggerFactory.Instance).Store;

    private string Fingerprint() => string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task InitializeAsync_CaFile_Trusted()
    {
        await Store(Options(o => o with { CaCertificatePath = temp.File("http_ca.crt") })).InitializeAsync();

        standIn.Url.Scheme.ShouldBe("https");
        standIn.DataStreamNames.Count.ShouldBe(2);
    }

    [Fact]
    public async Task InitializeAsync_Fingerprint_Trusted()
    {
        await Store(Options(o => o with { CertificateFingerprint = Fingerprint() })).InitializeAsync();

        standIn.DataStreamNames.Count.ShouldBe(2);
    }

    [Fact]
    public async Task InitializeAsync_WrongFingerprint_RefusedWithWhatToSet()
    {
        var wrong = string.Concat(Enumerable.Repeat("AB", 32));

        var error = await Should.ThrowAsync<StoreUnavailableException>(() => Store(Options(o => o with { CertificateFingerprint = wrong })).InitializeAsync());

        error.Message.ShouldContain("TLS handshake");
        error.Message.ShouldContain("certificateFingerprint");
        standIn.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task InitializeAsync_NoTrustConfigured_RefusedWithWhatToSet()
    {
        var error = await Should.ThrowAsync<StoreUnavailableException>(() => Store(Options(o => o)).InitializeAsync());

        error.Message.ShouldContain("caCertificatePath");
        standIn.Requests.ShouldBeEmpty();
    }
}
