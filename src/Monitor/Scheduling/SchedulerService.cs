using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Scheduling.Cluster;
using Monitor.Storage;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// The daemon's heart: prepares the store, makes the persistent schedule match the configuration
/// and starts Quartz. On shutdown it stops firing new jobs, cancels the running ones (the runner
/// stops after the item it is storing; everything stored stays) and waits for them to finish.
/// </summary>
internal sealed partial class SchedulerService(
    ISchedulerFactory schedulerFactory,
    ScheduleSynchroniser synchroniser,
    PipelineConfiguration configuration,
    IContentStore store,
    ILogger<SchedulerService> logger,
    ClusterStartup? cluster = null) : IHostedService
{
    private IScheduler? scheduler;

    public IScheduler Scheduler => scheduler ?? throw new InvalidOperationException("The scheduler has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        if (cluster is not null)
        {
            // Before Quartz is built: its tables must exist, and a worker with another schedule must not join.
            await cluster.JoinAsync(configuration, cancellationToken);
        }

        scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        await synchroniser.SynchroniseAsync(scheduler, configuration, cancellationToken);
        await scheduler.Start(cancellationToken);
        Started(logger, configuration.ChannelCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (scheduler is null)
        {
            return;
        }

        await scheduler.Standby(CancellationToken.None);
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ChannelSchedule.Group), CancellationToken.None))
        {
            await scheduler.Interrupt(key, CancellationToken.None);
        }

        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        Stopped(logger);
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Scheduler started with {Channels} channel jobs; press Ctrl+C to stop")]
    private static partial void Started(ILogger logger, int channels);

    [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "Scheduler stopped; running jobs finished or were checkpointed")]
    private static partial void Stopped(ILogger logger);
}
