using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Monitor.Pipeline;
using Monitor.Triage;

namespace Monitor.Storage.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite file at <paramref name="path"/> as the <see cref="IContentStore"/>
    /// (<paramref name="readOnly"/>: for reports that must never write).
    /// </summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, string path, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new SqliteStoreOptions(path, readOnly));
        services.AddSingleton<SqliteContentStore>(sp => new SqliteContentStore(
            sp.GetRequiredService<SqliteStoreOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<Alerts.AlertSetup>(), sp.GetService<ILoggerFactory>()?.CreateLogger("Monitor.Storage")));
        services.AddSingleton<IContentStore>(sp => sp.GetRequiredService<SqliteContentStore>());
        services.AddSingleton<ICheckpointReader>(sp => sp.GetRequiredService<SqliteContentStore>());
        services.AddSingleton<IFlagInbox>(sp => sp.GetRequiredService<SqliteContentStore>());
        services.AddSingleton<ISearchQueries>(sp => sp.GetRequiredService<SqliteContentStore>());
        services.AddSingleton<Alerts.Outbox.IAlertOutbox>(sp => sp.GetRequiredService<SqliteContentStore>());
        return services.AddStoreContracts();
    }
}
