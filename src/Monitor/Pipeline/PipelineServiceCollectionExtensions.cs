using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Monitor.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runner and the cycle. Collectors (<see cref="Collection.IChannelCollector"/>) and enrichers
    /// are registered by their own <c>Add…</c> methods; the runner uses every one registered.
    /// </summary>
    public static IServiceCollection AddCollectionRunner(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CollectionRunner>();
        services.TryAddSingleton<CollectionCycle>();
        return services;
    }
}
