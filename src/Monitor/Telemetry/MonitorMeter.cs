using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Monitor.Telemetry;

/// <summary>
/// The worker's own instruments, on one <see cref="System.Diagnostics.Metrics.Meter"/> named
/// <see cref="Name"/>, so any exporter (the <c>run</c> daemon's <c>/metrics</c>, OpenTelemetry, dotnet-counters)
/// reads them without the library knowing which. Static because a meter is process-wide, as the
/// instruments' readers are; the tags (channel, quota key) carry what differs.
/// </summary>
public static class MonitorMeter
{
    public const string Name = "Monitor";

    private static readonly Meter Meter = new(Name, "1.0");

    private static readonly ConcurrentDictionary<string, long> QuotaLeftByKey = new(StringComparer.Ordinal);

    public static Counter<long> Runs { get; } = Meter.CreateCounter<long>("monitor.channel.runs", "{run}", "Channel runs started by the schedule, by channel");

    public static Counter<long> Failures { get; } = Meter.CreateCounter<long>("monitor.channel.failures", "{run}", "Channel runs that failed, by channel and outcome");

    public static Counter<long> Items { get; } = Meter.CreateCounter<long>("monitor.channel.items", "{item}", "Items stored (new, changed or unchanged), by channel");

    public static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>("monitor.channel.run.duration", "s", "How long a channel run took");

    public static Histogram<double> FetchDuration { get; } = Meter.CreateHistogram<double>("monitor.fetch.duration", "s", "Time to the response headers of one web request, by host");

    public static Counter<long> BulkRetries { get; } = Meter.CreateCounter<long>("monitor.elasticsearch.bulk.retries", "{retry}", "Bulk requests sent again after a 429, 5xx or per-item rejection");

    public static Counter<long> Misfires { get; } = Meter.CreateCounter<long>("monitor.schedule.misfires", "{misfire}", "Fires that started later than the misfire threshold, by channel");

    /// <summary>The last known units left of each platform quota key's day (YouTube: daily budget less units counted across the cluster).</summary>
    public static ObservableGauge<long> QuotaLeft { get; } = Meter.CreateObservableGauge(
        "monitor.quota.left", () => QuotaLeftByKey.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("quota_key", p.Key))), "{unit}",
        "Platform API quota units left today");

    public static void RecordQuotaLeft(string quotaKey, long left) => QuotaLeftByKey[quotaKey] = left;
}
