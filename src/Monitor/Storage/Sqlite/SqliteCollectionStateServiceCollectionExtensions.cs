using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Collection.Social;
using Monitor.Collection.Web;

namespace Monitor.Storage.Sqlite;

public static class SqliteCollectionStateServiceCollectionExtensions
{
    /// <summary>
    /// Registers the collectors' state — crawl state (<see cref="ICrawlState"/>), social observation
    /// state (<see cref="IObservationState"/>) and follower counts (<see cref="IFollowerCounts"/>) —
    /// in the SQLite file at <paramref name="path"/>, on the store's migration path. Whatever store
    /// holds the content, this is where the collectors of one worker remember what they did.
    /// </summary>
    public static IServiceCollection AddSqliteCollectionState(this IServiceCollection services, string path)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.TryAddSingleton(_ => new SqliteCrawlState(path));
        services.TryAddSingleton<ICrawlState>(sp => sp.GetRequiredService<SqliteCrawlState>());
        services.TryAddSingleton(sp => new SqliteObservationState(path, sp.GetService<Alerts.AlertSetup>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IObservationState>(sp => sp.GetRequiredService<SqliteObservationState>());
        services.TryAddSingleton<IFollowerCounts>(sp => sp.GetRequiredService<SqliteObservationState>());
        return services;
    }
}
