using System.Text.RegularExpressions;
using Monitor.Configuration.Yaml;
using Quartz;

namespace Monitor.Configuration;

/// <summary>Reads <c>monitor.yaml</c>; anything not written keeps its default.</summary>
internal static partial class MonitorSettingsParser
{
    public static MonitorSettings Parse(YamlMap map)
    {
        var defaults = new MonitorSettings();
        var settings = defaults with
        {
            DataFolder = map.String("dataFolder") ?? defaults.DataFolder,
            Store = ParseStore(map.Map("store"), defaults.Store),
            Schedules = ParseSchedules(map.Map("schedules"), defaults.Schedules),
            Http = ParseHttp(map.Map("http"), defaults.Http),
            Politeness = ParsePoliteness(map.Map("politeness"), defaults.Politeness),
            Language = ParseLanguage(map.Map("language"), defaults.Language),
            Web = ParseWeb(map.Map("web"), defaults.Web),
            Scheduling = ParseScheduling(map.Map("scheduling"), defaults.Scheduling),
            Metrics = ParseMetrics(map.Map("metrics"), defaults.Metrics),
            Social = ParseSocial(map.Map("social"), defaults.Social),
        };
        if (settings.Scheduling.Store == SchedulingStore.Postgres && settings.Store.Kind != StoreKind.Elasticsearch)
        {
            map.Problem(map.Map("scheduling")!.KeyNodeOrMap("store"),
                "scheduling.store 'postgres' runs several workers, and they share one content store: set store.kind to 'elasticsearch' (a SQLite file belongs to one worker)");
        }

        map.ReportUnknownKeys("monitor.yaml");
        return settings;
    }

    /// <summary>Quartz cron has seconds and a '?' day field; reports at the value's line.</summary>
    public static string? Cron(YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }

        if (CronExpression.TryParse(text, out _))
        {
            if (CronFieldRanges.Problem(text) is not { } outOfRange)
            {
                return text;
            }

            map.Problem(map.Node(key)!, $"'{key}' is not a valid Quartz cron expression: '{text}': {outOfRange}");
            return null;
        }

        map.Problem(map.Node(key)!, $"'{key}' is not a valid Quartz cron expression: '{text}' (six or seven fields, seconds first, e.g. \"0 0/30 * * * ?\"){CronReason(text)}");
        return null;
    }

    /// <summary>Secrets are referenced by environment-variable name; a value that looks like a secret is refused.</summary>
    public static string? EnvironmentVariableName(YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }

        if (EnvName().IsMatch(text))
        {
            return text;
        }

        // Do not echo the value: it may be the secret itself pasted in by mistake.
        map.Problem(map.Node(key)!, $"'{key}' must be the NAME of an environment variable (letters, digits, '_'), not the secret itself");
        return null;
    }

    private static StoreSettings ParseStore(YamlMap? map, StoreSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var kind = defaults.Kind;
        if (map.String("kind") is { } kindText)
        {
            switch (kindText)
            {
                case "sqlite": kind = StoreKind.Sqlite; break;
                case "elasticsearch": kind = StoreKind.Elasticsearch; break;
                default: map.Problem(map.Node("kind")!, $"store kind must be 'sqlite' or 'elasticsearch', not '{kindText}'"); break;
            }
        }

        var sqlite = defaults.Sqlite;
        if (map.Map("sqlite") is { } sqliteMap)
        {
            sqlite = new SqliteSettings { Path = sqliteMap.String("path") };
            sqliteMap.ReportUnknownKeys("store.sqlite");
        }

        var elasticsearch = defaults.Elasticsearch;
        if (map.Map("elasticsearch") is { } es)
        {
            elasticsearch = new ElasticsearchSettings
            {
                Url = es.AbsoluteUrl("url"),
                Urls = es.Urls("urls"),
                ApiKeyEnv = EnvironmentVariableName(es, "apiKeyEnv"),
                UsernameEnv = EnvironmentVariableName(es, "usernameEnv"),
                PasswordEnv = EnvironmentVariableName(es, "passwordEnv"),
                CaCertificatePath = es.String("caCertificatePath"),
                CertificateFingerprint = es.String("certificateFingerprint"),
            };
            if (elasticsearch.Url is not null && elasticsearch.Urls.Count > 0)
            {
                es.Problem(es.Node("urls")!, "give store.elasticsearch.url (one node) or urls (several), not both");
            }

            if (es.Node("urls") is not null && elasticsearch.Urls.Count == 0)
            {
                es.Problem(es.Node("urls")!, "store.elasticsearch.urls lists no node");
            }

            if (elasticsearch.CertificateFingerprint is { } fingerprint && !Storage.Elasticsearch.ElasticsearchClientFactory.IsFingerprint(fingerprint))
            {
                es.Problem(es.Node("certificateFingerprint")!, $"store.elasticsearch.certificateFingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed), not '{fingerprint}'");
            }

            if (elasticsearch.CertificateFingerprint is not null && elasticsearch.CaCertificatePath is not null)
            {
                es.Problem(es.Node("certificateFingerprint")!, "give store.elasticsearch.caCertificatePath or certificateFingerprint, not both");
            }
            es.ReportUnknownKeys("store.elasticsearch");
        }

        if (kind == StoreKind.Elasticsearch && elasticsearch.Url is null && elasticsearch.Urls.Count == 0)
        {
            map.Problem(map.KeyNodeOrMap("kind"), "store kind 'elasticsearch' needs store.elasticsearch.url (or urls)");
        }

        map.ReportUnknownKeys("store");
        return new StoreSettings { Kind = kind, Sqlite = sqlite, Elasticsearch = elasticsearch };
    }

    private static WebSettings ParseWeb(YamlMap? map, WebSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var pathBase = map.String("pathBase");
        if (pathBase is not null && (!pathBase.StartsWith('/') || pathBase.EndsWith('/') || pathBase.Contains("//", StringComparison.Ordinal)))
        {
            map.Problem(map.Node("pathBase")!, $"web.pathBase must start with '/' and not end with one, such as /monitor, not '{pathBase}'");
            pathBase = null;
        }

        var certificate = map.String("tlsCertificatePath");
        var listen = map.AbsoluteUrl("listen") ?? defaults.Listen;
        if (listen.AbsolutePath != "/")
        {
            map.Problem(map.Node("listen")!, $"web.listen is a scheme, host and port such as http://127.0.0.1:5080; put a prefix in web.pathBase, not '{listen}'");
        }

        if (listen.Scheme == Uri.UriSchemeHttps && certificate is null)
        {
            map.Problem(map.Node("listen")!, "web.listen is https but web.tlsCertificatePath names no certificate");
        }

        var result = new WebSettings
        {
            Enabled = map.Bool("enabled") ?? defaults.Enabled,
            Listen = listen,
            TlsCertificatePath = certificate,
            PathBase = pathBase,
        };
        map.ReportUnknownKeys("web");
        return result;
    }

    private static ScheduleSettings ParseSchedules(YamlMap? map, ScheduleSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var result = new ScheduleSettings
        {
            DefaultCron = Cron(map, "defaultCron") ?? defaults.DefaultCron,
            ObservationAges = map.Node("observationAges") is null ? defaults.ObservationAges : map.Durations("observationAges"),
        };
        map.ReportUnknownKeys("schedules");
        return result;
    }

    private static HttpSettings ParseHttp(YamlMap? map, HttpSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var result = new HttpSettings
        {
            UserAgent = map.String("userAgent") ?? defaults.UserAgent,
            Timeout = Positive(map, "timeout") ?? defaults.Timeout,
            MaxResponseBytes = map.Integer("maxResponseBytes", 1024, 1L << 32) ?? defaults.MaxResponseBytes,
            MaxRedirects = (int?)map.Integer("maxRedirects", 0, 20) ?? defaults.MaxRedirects,
        };
        map.ReportUnknownKeys("http");
        return result;
    }

    private static PolitenessSettings ParsePoliteness(YamlMap? map, PolitenessSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var result = new PolitenessSettings
        {
            MaxConcurrentPerHost = (int?)map.Integer("maxConcurrentPerHost", 1, 64) ?? defaults.MaxConcurrentPerHost,
            MinDelay = map.Duration("minDelay") ?? defaults.MinDelay,
            CrawlDelayCap = map.Duration("crawlDelayCap") ?? defaults.CrawlDelayCap,
        };
        map.ReportUnknownKeys("politeness");
        return result;
    }

    private static LanguageSettings ParseLanguage(YamlMap? map, LanguageSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var result = new LanguageSettings
        {
            SentimentModel = map.String("sentimentModel"),
            ToxicityModel = map.String("toxicityModel"),
            NegativeThreshold = map.Number("negativeThreshold", 0, 1) ?? defaults.NegativeThreshold,
            ToxicThreshold = map.Number("toxicThreshold", 0, 1) ?? defaults.ToxicThreshold,
            MinConfidence = map.Number("minConfidence", 0, 1) ?? defaults.MinConfidence,
        };
        map.ReportUnknownKeys("language");
        return result;
    }

    private static SchedulingSettings ParseScheduling(YamlMap? map, SchedulingSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var store = defaults.Store;
        if (map.String("store") is { } storeText)
        {
            switch (storeText)
            {
                case "sqlite": store = SchedulingStore.Sqlite; break;
                case "postgres": store = SchedulingStore.Postgres; break;
                default: map.Problem(map.Node("store")!, $"scheduling store must be 'sqlite' or 'postgres', not '{storeText}'"); break;
            }
        }

        var result = new SchedulingSettings
        {
            Store = store,
            ConnectionStringEnv = EnvironmentVariableName(map, "connectionStringEnv") ?? defaults.ConnectionStringEnv,
            CheckinInterval = Between(map, "checkinInterval", TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)) ?? defaults.CheckinInterval,
            MisfireThreshold = Between(map, "misfireThreshold", TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)) ?? defaults.MisfireThreshold,
        };
        map.ReportUnknownKeys("scheduling");
        return result;
    }

    private static SocialSettings ParseSocial(YamlMap? map, SocialSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var result = new SocialSettings { YouTubeDailyQuota = (int?)map.Integer("youtubeDailyQuota", 1, 100_000_000) ?? defaults.YouTubeDailyQuota };
        map.ReportUnknownKeys("social");
        return result;
    }

    private static MetricsSettings ParseMetrics(YamlMap? map, MetricsSettings defaults)
    {
        if (map is null)
        {
            return defaults;
        }

        var listen = map.AbsoluteUrl("listen");
        if (listen is not null && listen.AbsolutePath != "/")
        {
            map.Problem(map.Node("listen")!, $"metrics.listen is an address to listen on (scheme, host, port), without a path: '{listen}'");
        }

        map.ReportUnknownKeys("metrics");
        return new MetricsSettings { Listen = listen };
    }

    private static TimeSpan? Between(YamlMap map, string key, TimeSpan min, TimeSpan max)
    {
        var value = map.Duration(key);
        if (value is { } v && (v < min || v > max))
        {
            map.Problem(map.Node(key)!, $"'{key}' must be between {Duration.Format(min)} and {Duration.Format(max)}");
            return null;
        }

        return value;
    }

    private static TimeSpan? Positive(YamlMap map, string key)
    {
        var value = map.Duration(key);
        if (value is { } v && v <= TimeSpan.Zero)
        {
            map.Problem(map.Node(key)!, $"'{key}' must be longer than zero");
            return null;
        }

        return value;
    }

    private static string CronReason(string text)
    {
        try
        {
            _ = CronExpression.Parse(text);
            return string.Empty;
        }
        catch (FormatException exception)
        {
            return $": {exception.Message}";
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvName();
}
