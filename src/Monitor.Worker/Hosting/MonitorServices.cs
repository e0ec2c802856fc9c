using Microsoft.Extensions.DependencyInjection;
using Monitor.Alerts;
using Monitor.Collection.Social;
using Monitor.Collection.Web;
using Monitor.Configuration;
using Monitor.Enrichment;
using Monitor.Pipeline;
using Monitor.Storage.Elasticsearch;
using Monitor.Storage.Postgres;
using Monitor.Storage.Sqlite;
using Serilog.Events;

namespace Monitor.Worker.Hosting;

/// <summary>The worker's composition: configuration, logging, store, runner and every channel collector.</summary>
internal static class MonitorServices
{
    public static IServiceCollection AddMonitorWorker(this IServiceCollection services, PipelineConfiguration configuration, string dbPath, LogEventLevel consoleLevel)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(configuration);
        services.AddSingleton(configuration.Settings);
        services.AddMonitorLogging(configuration.Settings.DataFolder, consoleLevel);
        services.AddAlerts(configuration);
        services.AddMonitorStore(configuration, dbPath);
        services.AddLanguage(LanguageOptions.From(configuration.Settings.Language, configuration.Folder));
        services.AddCollectionRunner();
        services.AddChannelCollectors(configuration, dbPath);
        return services;
    }

    /// <summary>The content store named in monitor.yaml.</summary>
    internal static IServiceCollection AddMonitorStore(this IServiceCollection services, PipelineConfiguration configuration, string dbPath) => configuration.Settings.Store.Kind switch
    {
        StoreKind.Sqlite => services.AddSqliteStore(dbPath),
        StoreKind.Elasticsearch => services.AddElasticsearchStore(ElasticsearchOptionsFactory.FromSettings(configuration.Settings.Store.Elasticsearch, configuration.Settings.DataFolder, configuration.Stations)),
        _ => throw new InvalidConfigurationException($"store kind '{configuration.Settings.Store.Kind}' is not available in this build; use 'sqlite'."),
    };

    /// <summary>One line per channel kind: each collector's own <c>Add…</c> method.</summary>
    private static IServiceCollection AddChannelCollectors(this IServiceCollection services, PipelineConfiguration configuration, string dbPath)
    {
        var settings = configuration.Settings;
        services.AddWebCollection(web =>
        {
            web.UserAgent = settings.Http.UserAgent;
            web.Timeout = settings.Http.Timeout;
            web.MaxResponseBytes = settings.Http.MaxResponseBytes;
            web.MaxRedirects = settings.Http.MaxRedirects;
            web.MaxConcurrentPerHost = settings.Politeness.MaxConcurrentPerHost;
            web.MinDelay = settings.Politeness.MinDelay;
            web.CrawlDelayCap = settings.Politeness.CrawlDelayCap;
            foreach (var (name, profile) in configuration.Profiles)
            {
                web.Profiles[name] = profile;
            }
        });
        services.AddSocialCollection(o =>
        {
            o.ObservationAges = settings.Schedules.ObservationAges;
            o.YouTubeDailyQuota = settings.Social.YouTubeDailyQuota;
        });
        if (settings.Scheduling.Store == SchedulingStore.Postgres)
        {
            // Several workers: the crawl and social state is the cluster's, beside its schedule.
            services.AddPostgresCollectionState(ClusterConnection.ConnectionString(settings.Scheduling));
        }
        else
        {
            services.AddSqliteCollectionState(dbPath);
        }
        return services;
    }
}
