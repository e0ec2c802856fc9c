using Microsoft.Extensions.DependencyInjection;

namespace Monitor.Storage;

internal static class StoreContractsRegistration
{
    /// <summary>Offers the registered <see cref="IContentStore"/> under each of its purposes, so callers ask for only the one they use.</summary>
    public static IServiceCollection AddStoreContracts(this IServiceCollection services)
    {
        services.AddSingleton<IContentWriter>(sp => sp.GetRequiredService<IContentStore>());
        services.AddSingleton<IContentQueries>(sp => sp.GetRequiredService<IContentStore>());
        services.AddSingleton<IContentAdmin>(sp => sp.GetRequiredService<IContentStore>());
        return services;
    }
}
