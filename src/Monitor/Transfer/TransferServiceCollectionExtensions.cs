using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Pipeline;
using Monitor.Storage;

namespace Monitor.Transfer;

public static class TransferServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>import</c>: the NDJSON importer on the pipeline's save path (every registered
    /// enricher, the registered store) and the store's checkpoints when it keeps them.
    /// </summary>
    public static IServiceCollection AddNdjsonImport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ContentSaver(sp.GetServices<IContentEnricher>(), sp.GetRequiredService<IContentStore>()));
        services.TryAddSingleton(sp => new NdjsonImporter(sp.GetRequiredService<ContentSaver>(), sp.GetService<ICheckpointReader>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
