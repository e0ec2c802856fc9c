using Monitor.Configuration;
using Monitor.Scheduling.Cluster;

namespace Monitor.Worker.Hosting;

/// <summary>The cluster's PostgreSQL connection string, read from the variable monitor.yaml names (never from the file).</summary>
internal static class ClusterConnection
{
    public static string ConnectionString(SchedulingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var value = Environment.GetEnvironmentVariable(settings.ConnectionStringEnv);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidConfigurationException(
                $"scheduling.store is 'postgres' but the environment variable {settings.ConnectionStringEnv} (scheduling.connectionStringEnv) is not set; "
                + "set it to the cluster's connection string, e.g. Host=postgres;Database=monitor;Username=monitor;Password=…")
            : value;
    }

    public static ClusterSchedulingOptions Options(SchedulingSettings settings) =>
        new(ConnectionString(settings), settings.CheckinInterval, settings.MisfireThreshold);
}
