namespace Monitor.Configuration;

/// <summary>
/// Global settings from <c>pipelines/monitor.yaml</c>. Every section has defaults, so a missing
/// file or section means "the defaults", never a half-filled record.
/// </summary>
public sealed record MonitorSettings
{
    public string DataFolder { get; init; } = "data";

    public StoreSettings Store { get; init; } = new();

    public ScheduleSettings Schedules { get; init; } = new();

    public HttpSettings Http { get; init; } = new();

    public PolitenessSettings Politeness { get; init; } = new();

    public LanguageSettings Language { get; init; } = new();

    public WebSettings Web { get; init; } = new();
    public SchedulingSettings Scheduling { get; init; } = new();

    public MetricsSettings Metrics { get; init; } = new();

    public SocialSettings Social { get; init; } = new();

    /// <summary>The SQLite file: <c>store.sqlite.path</c> if given, else <c>&lt;dataFolder&gt;/monitor.db</c>.</summary>
    public string SqlitePath => Store.Sqlite.Path ?? System.IO.Path.Combine(DataFolder, "monitor.db");
}

public enum StoreKind
{
    Sqlite,
    Elasticsearch,
}

public sealed record StoreSettings
{
    public StoreKind Kind { get; init; } = StoreKind.Sqlite;

    public SqliteSettings Sqlite { get; init; } = new();

    public ElasticsearchSettings Elasticsearch { get; init; } = new();
}

public sealed record SqliteSettings
{
    /// <summary>Null: <c>&lt;dataFolder&gt;/monitor.db</c>.</summary>
    public string? Path { get; init; }
}

/// <summary>Credentials are named by environment variable, never written in the file.</summary>
public sealed record ElasticsearchSettings
{
    public Uri? Url { get; init; }

    /// <summary>Several nodes of one cluster (<c>urls: [...]</c>); the client fails over between them.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    public string? ApiKeyEnv { get; init; }

    public string? UsernameEnv { get; init; }

    public string? PasswordEnv { get; init; }

    public string? CaCertificatePath { get; init; }

    /// <summary>SHA-256 fingerprint of the cluster's HTTP CA certificate, instead of a CA file.</summary>
    public string? CertificateFingerprint { get; init; }
}

public sealed record ScheduleSettings
{
    /// <summary>Quartz cron used by channels without their own <c>schedule</c>: every 30 minutes.</summary>
    public string DefaultCron { get; init; } = "0 0/30 * * * ?";

    /// <summary>Item ages at which engagement is observed again.</summary>
    public IReadOnlyList<TimeSpan> ObservationAges { get; init; } =
    [
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromHours(24), TimeSpan.FromHours(48), TimeSpan.FromHours(72), TimeSpan.FromDays(7), TimeSpan.FromDays(30),
    ];
}

public sealed record HttpSettings
{
    public string UserAgent { get; init; } = "MonitorBot/0.1 (+https://github.com/monitor-vn/monitor; media monitoring of public station pages)";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bodies beyond this are cut off: a 50 MB page must not exhaust memory.</summary>
    public long MaxResponseBytes { get; init; } = 5 * 1024 * 1024;

    public int MaxRedirects { get; init; } = 5;
}

public sealed record PolitenessSettings
{
    public int MaxConcurrentPerHost { get; init; } = 2;

    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A robots.txt Crawl-delay above this is capped, so one site cannot stall a cycle.</summary>
    public TimeSpan CrawlDelayCap { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record LanguageSettings
{
    public string? SentimentModel { get; init; }

    public string? ToxicityModel { get; init; }

    public double NegativeThreshold { get; init; } = 0.7;

    public double ToxicThreshold { get; init; } = 0.7;

    /// <summary>Below this calibrated probability of its winning label a model's outcome is uncertain and raises no flag.</summary>
    public double MinConfidence { get; init; } = 0.5;
}

/// <summary>The dashboard (<c>serve</c>, or <c>run</c> when <see cref="Enabled"/>).</summary>
public sealed record WebSettings
{
    /// <summary>When true, <c>run</c> hosts the dashboard beside the scheduler: one process on a single machine.</summary>
    public bool Enabled { get; init; }

    public Uri Listen { get; init; } = new("http://127.0.0.1:5080");

    /// <summary>PEM or PFX certificate for HTTPS; null: plain HTTP (behind a TLS-terminating proxy, or on loopback).</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>The prefix a reverse proxy serves the dashboard under, such as <c>/monitor</c>; null: the root.</summary>
    public string? PathBase { get; init; }
}

public enum SchedulingStore
{
    /// <summary>Quartz keeps the schedule in the store's SQLite file: one worker.</summary>
    Sqlite,

    /// <summary>Quartz's clustered job store in PostgreSQL, with the collectors' state beside it: several workers.</summary>
    Postgres,
}

/// <summary>
/// Where the schedule (and, for <see cref="SchedulingStore.Postgres"/>, the crawl and social state) lives.
/// The connection string is read from the environment variable named here, never written in the file.
/// </summary>
public sealed record SchedulingSettings
{
    public SchedulingStore Store { get; init; } = SchedulingStore.Sqlite;

    public string ConnectionStringEnv { get; init; } = "MONITOR_PG";

    /// <summary>How often a worker tells the cluster it is alive; a dead worker's jobs are taken over after this plus the threshold.</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How late a fire may start before it counts as misfired (then the trigger's misfire policy applies).</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary><c>/metrics</c> (Prometheus) and <c>/health</c> of the <c>run</c> daemon; null: not served.</summary>
public sealed record MetricsSettings
{
    public Uri? Listen { get; init; }
}

public sealed record SocialSettings
{
    /// <summary>Units a YouTube API key may spend per Pacific day, counted across every worker sharing the key.</summary>
    public int YouTubeDailyQuota { get; init; } = 10_000;
}
