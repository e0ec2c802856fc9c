using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Collection;
using Monitor.Pipeline;
using Monitor.Storage;

namespace Monitor.Worker.Demo;

internal static class DemoServiceCollectionExtensions
{
    /// <summary>Replaces the runner with one whose collectors report the stations' real addresses (see <see cref="RealAddressCollector"/>).</summary>
    public static IServiceCollection WithRealAddresses(this IServiceCollection services, IReadOnlyDictionary<string, Uri> realOrigins)
    {
        services.AddSingleton(sp => new CollectionRunner(
            sp.GetServices<IChannelCollector>().Select(c => new RealAddressCollector(c, realOrigins)),
            sp.GetServices<IContentEnricher>(),
            sp.GetRequiredService<IContentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CollectionRunner>>()));
        return services;
    }
}
