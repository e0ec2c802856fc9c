using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace Monitor.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with its job store in the same SQLite file as the content (its QRTZ_ tables are
    /// created on first start), one job per configured channel, and the hosted service that runs it.
    /// Needs the configuration, the store and the collection runner registered too.
    /// </summary>
    public static IServiceCollection AddMonitorScheduling(this IServiceCollection services, string sqlitePath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(sqlitePath);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(sqlitePath),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        services.TryAddSingleton(TimeProvider.System);
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(4);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        });
        services.TryAddSingleton<ScheduleSynchroniser>();
        services.TryAddSingleton<SchedulerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerService>());
        return services;
    }
}
