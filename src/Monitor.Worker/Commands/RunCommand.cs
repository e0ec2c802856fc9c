using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Alerts;
using Monitor.Configuration;
using Monitor.Pipeline;
using Monitor.Scheduling;
using Monitor.Scheduling.Cluster;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Hosting;
using Monitor.Worker.Output;
using Serilog.Events;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>run</c>: the scheduled daemon (the default command). <c>run --once</c>: one full cycle over
/// every source, a summary, and an exit code that says whether every source succeeded.
/// Refuses to start on invalid configuration, with the same report as <c>validate</c>.
/// </summary>
internal static class RunCommand
{
    public static Option<bool> Once { get; } = new("--once") { Description = "Run one full cycle over every source, then exit (non-zero if any source failed)" };

    public static Option<Uri?> Metrics { get; } = new("--metrics")
    {
        Description = "Serve /metrics and /health on this address (overrides metrics.listen; several workers on one machine need one port each)",
        CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri) ? uri : null,
    };

    public static Command Create()
    {
        var command = new Command("run", "Collect every configured channel on its schedule until stopped (Ctrl+C); --once for a single cycle");
        command.Options.Add(Once);
        command.Options.Add(Metrics);
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(CommandContext.From(parseResult), parseResult.GetValue(Once), cancellationToken, parseResult.GetValue(Metrics)));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, bool once, CancellationToken cancellationToken, Uri? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        var configuration = pipelines.Configuration!;
        if (metrics is not null)
        {
            configuration = configuration with { Settings = configuration.Settings with { Metrics = new MetricsSettings { Listen = metrics } } };
        }

        var dbPath = context.DbPath(pipelines);
        var clustered = configuration.Settings.Scheduling.Store == SchedulingStore.Postgres;
        try
        {
            // A cluster's workers share Elasticsearch and PostgreSQL, not a file: the writer lock guards a SQLite store.
            using var writer = clustered ? null : StoreWriterLock.Acquire(dbPath, once ? "run --once" : "run");
            return once
                ? await RunOnceAsync(context, configuration, dbPath, cancellationToken)
                : await RunDaemonAsync(configuration, dbPath, cancellationToken);
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
        catch (ScheduleConflictException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.InvalidConfiguration;
        }
        catch (InvalidConfigurationException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.InvalidConfiguration;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("Stopped. Everything stored so far is kept.");
            return ExitCodes.Cancelled;
        }
    }

    private static async Task<int> RunOnceAsync(CommandContext context, PipelineConfiguration configuration, string dbPath, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddMonitorWorker(configuration, dbPath, LogEventLevel.Information).BuildServiceProvider();
        await services.GetRequiredService<IContentStore>().InitializeAsync(cancellationToken);
        var summary = await services.GetRequiredService<CollectionCycle>().RunAsync(configuration, progress: null, cancellationToken);
        CycleReport.Write(context.Output, summary);
        if (services.GetService<Alerts.Outbox.IAlertOutbox>() is not null)
        {
            await AlertsCommand.DispatchAndReportAsync(services, context.Output, cancellationToken);
        }

        return summary.AllSucceeded ? ExitCodes.Ok : ExitCodes.SourcesFailed;
    }

    private static async Task<int> RunDaemonAsync(PipelineConfiguration configuration, string dbPath, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMonitorWorker(configuration, dbPath, LogEventLevel.Information);
        if (configuration.Settings.Scheduling.Store == SchedulingStore.Postgres)
        {
            builder.Services.AddMonitorClusterScheduling(ClusterConnection.Options(configuration.Settings.Scheduling));
        }
        else
        {
            builder.Services.AddMonitorScheduling(dbPath);
        }

        if (configuration.Settings.Store.Kind == StoreKind.Sqlite)
        {
            // The alert outbox lives in the SQLite store; an Elasticsearch store raises no alerts yet.
            builder.Services.AddAlertDispatchLoop();
        }

        if (configuration.Settings.Metrics.Listen is { } listen)
        {
            builder.Services.AddWorkerEndpoints(listen);
        }

        // Give running jobs time to reach their next item after Ctrl+C before the host gives up.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        using var host = builder.Build();
        if (!configuration.Settings.Web.Enabled)
        {
            await host.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        }

        // web.enabled: the dashboard in the same process, so a single machine runs one service.
        await using var dashboard = Web.WebDashboard.Build(new Web.WebDashboardOptions(configuration, dbPath, configuration.Settings.Web.Listen), LogEventLevel.Information);
        await dashboard.StartAsync(cancellationToken);
        try
        {
            await host.RunAsync(cancellationToken);
        }
        finally
        {
            await dashboard.StopAsync(CancellationToken.None);
        }

        return ExitCodes.Ok;
    }
}
