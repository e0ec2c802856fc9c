namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The <c>store.elasticsearch</c> section of <c>pipelines/monitor.yaml</c>, plus tuning knobs with
/// production defaults. Secrets are never held here: only the names of the environment variables
/// that carry them, so the options can be logged and validated safely.
/// </summary>
public sealed record ElasticsearchOptions
{
    /// <summary>
    /// The nodes the client may use, tried in order; a node that fails is left aside for a while and
    /// the next one takes the request. <see cref="Url"/> is the single-node shorthand.
    /// </summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    /// <summary>The first node: what messages name when they speak of "the cluster".</summary>
    public Uri Url
    {
        get => Urls.Count > 0 ? Urls[0] : new Uri("http://localhost:9200/");
        init => Urls = [value];
    }

    /// <summary>Environment variable holding an API key in the <c>encoded</c> form (base64 of id:key).</summary>
    public string? ApiKeyEnv { get; init; }

    public string? UsernameEnv { get; init; }

    public string? PasswordEnv { get; init; }

    /// <summary>PEM file of the CA that signed the cluster's HTTP certificate (8.x self-signs by default).</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>
    /// SHA-256 fingerprint of the cluster's HTTP CA or server certificate (hex, colons optional), as
    /// printed by Elasticsearch at first start: trusts exactly that certificate without a CA file.
    /// </summary>
    public string? CertificateFingerprint { get; init; }

    /// <summary>Where 400-rejected documents are appended as JSON lines with the reason.</summary>
    public string DeadLetterPath { get; init; } = Path.Combine("data", "elasticsearch-dead-letter.jsonl");

    /// <summary>Station id → emulation cluster id ("cum-2"), so dashboards can group by cluster.</summary>
    public IReadOnlyDictionary<string, string> StationClusters { get; init; } = new Dictionary<string, string>();

    public int MaxBatchBytes { get; init; } = 5 * 1024 * 1024;

    public int MaxBatchDocuments { get; init; } = 1000;

    public int MaxAttempts { get; init; } = 10;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long start-up waits for the cluster to report yellow or green.</summary>
    public TimeSpan HealthWaitTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sent as <c>X-Opaque-Id</c> so slow logs and tasks show which worker asked.</summary>
    public string OpaqueId { get; init; } = "monitor-worker";
}

/// <summary>Builds <see cref="ElasticsearchOptions"/> from monitor.yaml's <c>store.elasticsearch</c> section and the stations.</summary>
public static class ElasticsearchOptionsFactory
{
    public static ElasticsearchOptions FromSettings(Configuration.ElasticsearchSettings settings, string dataFolder, IEnumerable<Domain.Station> stations, Uri? urlOverride = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<Uri> urls = urlOverride is not null ? [urlOverride]
            : settings.Urls.Count > 0 ? settings.Urls
            : settings.Url is { } url ? [url]
            : [];
        if (urls.Count == 0)
        {
            throw new ArgumentException("store.elasticsearch.url (or urls) is not set in monitor.yaml (or give --es-url).", nameof(settings));
        }

        return new ElasticsearchOptions
        {
            Urls = urls,
            ApiKeyEnv = settings.ApiKeyEnv,
            UsernameEnv = settings.UsernameEnv,
            PasswordEnv = settings.PasswordEnv,
            CaCertificatePath = settings.CaCertificatePath,
            CertificateFingerprint = settings.CertificateFingerprint,
            DeadLetterPath = Path.Combine(dataFolder, "elasticsearch-dead-letter.jsonl"),
            StationClusters = stations.Where(s => s.Cluster is not null).ToDictionary(s => s.Id, s => s.Cluster!, StringComparer.Ordinal),
        };
    }
}
