using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Scheduling;
using Monitor.Scheduling.Cluster;
using Monitor.Storage;
using Npgsql;
using Prometheus;

namespace Monitor.Worker.Hosting;

/// <summary>
/// <c>/metrics</c> (Prometheus text: the <c>Monitor</c> meter's runs, failures, items, fetch latency,
/// bulk retries, quota left and misfires, plus .NET's own) and <c>/health</c> (is this worker's
/// scheduler running and, in a cluster, checked in; do its stores answer) on a small Kestrel
/// listener of the <c>run</c> daemon. <see cref="MapWorkerEndpoints"/> is separate from the listener
/// so the same two routes can be mounted on any other Kestrel app the daemon hosts.
/// </summary>
internal static partial class WorkerEndpoints
{
    /// <summary>
    /// prometheus-net starts listening to <see cref="System.Diagnostics.Metrics"/> at the first scrape,
    /// and a counter's adds made before anyone listens are gone: the runs of a worker's first minutes
    /// would never be counted. Listening from start-up keeps every count (the library's own later
    /// start with the same default options is then a no-op).
    /// </summary>
    private static IDisposable? meterListening;

    public static IServiceCollection AddWorkerEndpoints(this IServiceCollection services, Uri listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        meterListening ??= MeterAdapter.StartListening();
        services.AddHostedService(sp => new EndpointsListener(sp, listen));
        return services;
    }

    /// <summary>The routes, resolving the worker's services from <paramref name="worker"/> (the daemon's container, not the web app's).</summary>
    public static IEndpointRouteBuilder MapWorkerEndpoints(this IEndpointRouteBuilder endpoints, IServiceProvider worker)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMetrics("/metrics");
        endpoints.MapGet("/health", async (HttpContext http) =>
        {
            var health = await CheckAsync(worker, http.RequestAborted);
            return Results.Json(health, statusCode: health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }

    private static async Task<Health> CheckAsync(IServiceProvider worker, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var scheduler = worker.GetRequiredService<SchedulerService>();
        var cluster = worker.GetService<ClusterSchedulingOptions>();
        var running = false;
        string? instance = null;
        try
        {
            running = scheduler.Scheduler.Status == Quartz.SchedulerStatus.Running;
            instance = scheduler.Scheduler.SchedulerInstanceId;
        }
        catch (InvalidOperationException)
        {
            // Not started yet: reported as not running.
        }

        var content = await ProbeAsync(() => worker.GetRequiredService<IContentStore>().GetItemAsync("health:probe", timeout.Token));
        string? state = null;
        bool? inCluster = null;
        if (cluster is not null && worker.GetService<NpgsqlDataSource>() is { } postgres)
        {
            state = await ProbeAsync(async () =>
            {
                await using var command = postgres.CreateCommand("SELECT last_checkin_time FROM qrtz_scheduler_state WHERE sched_name = $1 AND instance_name = $2");
                command.Parameters.AddWithValue(ClusterSchedulingOptions.SchedulerName);
                command.Parameters.AddWithValue(cluster.InstanceId);
                var checkin = await command.ExecuteScalarAsync(timeout.Token);
                inCluster = checkin is long ticks && worker.GetRequiredService<TimeProvider>().GetUtcNow() - ClusterStartup.QuartzTime(ticks) < cluster.LivenessWindow;
            });
        }

        var healthy = running && content is null && state is null && inCluster != false;
        return new Health(healthy, instance, running, inCluster, content ?? "ok", cluster is null ? null : state ?? "ok");
    }

    /// <summary>Null when the store answered, else why not (one line).</summary>
    private static async Task<string?> ProbeAsync(Func<Task> probe)
    {
        try
        {
            await probe();
            return null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

    private sealed record Health(bool Healthy, string? Instance, bool SchedulerRunning, bool? InCluster, string ContentStore, string? StateStore);

    /// <summary>The Kestrel app, started and stopped with the daemon's host.</summary>
    private sealed partial class EndpointsListener(IServiceProvider worker, Uri listen) : IHostedService, IAsyncDisposable
    {
        private WebApplication? app;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(listen.GetLeftPart(UriPartial.Authority));
            builder.Logging.ClearProviders();
            app = builder.Build();
            app.MapWorkerEndpoints(worker);
            await app.StartAsync(cancellationToken);
            var logger = worker.GetRequiredService<ILogger<SchedulerService>>();
            Listening(logger, listen);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (app is not null)
            {
                await app.StopAsync(cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        [LoggerMessage(EventId = 240, Level = LogLevel.Information, Message = "Metrics and health on {Urls} (/metrics, /health)")]
        private static partial void Listening(ILogger logger, Uri urls);
    }
}
