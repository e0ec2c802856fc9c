using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Scheduling.Cluster;
using Monitor.Storage.Postgres;
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
            q.AddTriggerListener(new MisfireCounter());
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        });
        return services.AddSchedulerService();
    }

    /// <summary>
    /// Quartz's clustered job store in PostgreSQL: every worker started with the same database runs
    /// one schedule, each fire on exactly one worker; a worker that stops checking in has its running
    /// jobs recovered by another. The collectors' state goes to the same database
    /// (<see cref="PostgresStateServiceCollectionExtensions.AddPostgresCollectionState"/>), and the
    /// tables are created at start by <see cref="ClusterStartup"/>.
    /// </summary>
    public static IServiceCollection AddMonitorClusterScheduling(this IServiceCollection services, ClusterSchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddPostgresCollectionState(options.ConnectionString);
        services.TryAddSingleton(options);
        services.TryAddSingleton<ClusterStartup>();
        services.TryAddSingleton<IRunLog>(sp => new PostgresRunLog(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                // One name for every worker (the cluster is the rows under it), one id per process.
                s.InstanceName = ClusterSchedulingOptions.SchedulerName;
                s.InstanceId = options.InstanceId;
            });
            q.UseDefaultThreadPool(4);
            q.AddTriggerListener(new MisfireCounter());
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(options.ConnectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.CheckinInterval;
                    c.CheckinMisfireThreshold = options.CheckinInterval;
                });
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = options.MisfireThreshold;

                    // After the database comes back, check in again within one interval, not Quartz's default 15 s.
                    o.DbRetryInterval = options.CheckinInterval;
                });
            });
        });
        return services.AddSchedulerService();
    }

    private static IServiceCollection AddSchedulerService(this IServiceCollection services)
    {
        services.TryAddSingleton<IRunLog, NoRunLog>();
        services.TryAddSingleton<ScheduleSynchroniser>();
        services.TryAddSingleton<SchedulerService>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerService>());
        return services;
    }
}
