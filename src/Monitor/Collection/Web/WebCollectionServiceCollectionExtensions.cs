using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Extraction;

namespace Monitor.Collection.Web;

public static class WebCollectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the website collector with the settings of <c>pipelines/</c>: <c>http</c> and
    /// <c>politeness</c> from monitor.yaml and every site profile. The crawl state
    /// (<see cref="ICrawlState"/>) is registered by the store that keeps it (<c>AddSqliteCollectionState</c>). <paramref name="adjust"/> may change them afterwards (the demo shortens delays).
    /// </summary>
    public static IServiceCollection AddWebCollection(this IServiceCollection services, PipelineConfiguration configuration, Action<WebCollectionOptions>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.Settings;
        return services.AddWebCollection(options =>
        {
            options.UserAgent = settings.Http.UserAgent;
            options.Timeout = settings.Http.Timeout;
            options.MaxResponseBytes = settings.Http.MaxResponseBytes;
            options.MaxRedirects = settings.Http.MaxRedirects;
            options.MaxConcurrentPerHost = settings.Politeness.MaxConcurrentPerHost;
            options.MinDelay = settings.Politeness.MinDelay;
            options.CrawlDelayCap = settings.Politeness.CrawlDelayCap;
            foreach (var (name, profile) in configuration.Profiles)
            {
                options.Profiles[name] = profile;
            }

            adjust?.Invoke(options);
        });
    }

    /// <summary>
    /// Registers the website collector (an <see cref="IChannelCollector"/> for <c>WebsiteChannel</c>)
    /// and what it needs: the polite fetcher, robots.txt cache and per-host gate; an <see cref="ICrawlState"/> must be registered too.
    /// Options are validated at start; a <see cref="TimeProvider"/> registered earlier (a test clock) is kept.
    /// </summary>
    public static IServiceCollection AddWebCollection(this IServiceCollection services, Action<WebCollectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WebCollectionOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebCollectionOptions>, WebCollectionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ArticleExtractor>();
        services.AddLogging();

        services.AddHttpClient(PageClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Redirects are followed by WebFetcher, which counts them and checks robots.txt per hop.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.TryAddSingleton(sp => new PageClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(PageClient.HttpClientName),
            sp.GetRequiredService<IOptions<WebCollectionOptions>>()));
        services.TryAddSingleton<HostGate>();
        services.TryAddSingleton<RobotsPolicy>();
        services.TryAddSingleton<WebFetcher>();
        services.TryAddSingleton<SiteDiscovery>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelCollector, WebsiteCollector>());
        return services;
    }
}
