using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Collection.Social;
using Monitor.Collection.Web;
using Npgsql;

namespace Monitor.Storage.Postgres;

public static class PostgresStateServiceCollectionExtensions
{
    /// <summary>
    /// The collectors' state — <see cref="ICrawlState"/>, <see cref="IObservationState"/> and
    /// <see cref="IFollowerCounts"/> — in PostgreSQL, shared by every worker of a cluster. Registered
    /// before <c>AddSqliteCollectionState</c> would be, it wins (both use TryAdd). The tables are
    /// created or migrated by <see cref="PostgresStateSchema.MigrateAsync"/>, which the cluster's
    /// scheduler start runs before anything reads them.
    /// </summary>
    public static IServiceCollection AddPostgresCollectionState(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton<ICrawlState>(sp => new PostgresCrawlState(sp.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton(sp => new PostgresObservationState(sp.GetRequiredService<NpgsqlDataSource>()));
        services.TryAddSingleton<IObservationState>(sp => sp.GetRequiredService<PostgresObservationState>());
        services.TryAddSingleton<IFollowerCounts>(sp => sp.GetRequiredService<PostgresObservationState>());
        return services;
    }
}
