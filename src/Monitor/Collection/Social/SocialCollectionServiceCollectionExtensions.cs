using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Collection.Facebook;
using Monitor.Collection.TikTok;
using Monitor.Collection.YouTube;
using Monitor.Collection.Zalo;

namespace Monitor.Collection.Social;

public static class SocialCollectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the YouTube, Facebook, TikTok and Zalo collectors (as <see cref="IChannelCollector"/>),
    /// their HTTP clients and the shared observation planner; an <see cref="IObservationState"/> and
    /// <see cref="IFollowerCounts"/> must be registered too. Options are validated at start.
    /// </summary>
    public static IServiceCollection AddSocialCollection(this IServiceCollection services, Action<SocialCollectionOptions> configure)
    {
        services.AddOptions<SocialCollectionOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SocialCollectionOptions>, SocialCollectionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ObservationPlanner>();
        foreach (var name in new[] { YouTubeCollector.HttpClientName, FacebookCollector.HttpClientName, TikTokCollector.HttpClientName, ZaloCollector.HttpClientName })
        {
            services.AddHttpClient(name, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(30);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Monitor/1.0 (+https://github.com/monitor)");
            });
        }

        services.AddSingleton<IChannelCollector, YouTubeCollector>();
        services.AddSingleton<IChannelCollector, FacebookCollector>();
        services.AddSingleton<IChannelCollector, TikTokCollector>();
        services.AddSingleton<IChannelCollector, ZaloCollector>();
        return services;
    }
}
