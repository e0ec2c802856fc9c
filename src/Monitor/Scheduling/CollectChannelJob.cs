using System.Globalization;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Pipeline;
using Monitor.Telemetry;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// One Quartz job per channel. Thin on purpose: it finds the channel and hands it, with the
/// scheduler's cancellation token, to the runner. Never two runs of one channel at once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class CollectChannelJob(
    CollectionRunner runner, PipelineConfiguration configuration, IRunLog runLog, TimeProvider clock, ILogger<CollectChannelJob> logger) : IJob
{
    public const string ChannelIdKey = "channelId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var channelId = context.MergedJobDataMap.GetString(ChannelIdKey) ?? context.JobDetail.Key.Name;
        if (configuration.FindChannel(channelId) is not { } source)
        {
            // The schedule synchroniser removes jobs for channels gone from the configuration; this
            // only happens if the file changed between start-up and this firing.
            ChannelNotConfigured(logger, channelId);
            return;
        }

        var run = new ChannelRun(channelId, FireAnswered(context), context.Scheduler.SchedulerInstanceId, context.Recovering, clock.GetUtcNow());
        if (run.Recovering && !await runLog.ShouldRecoverAsync(run, cancellationToken))
        {
            RecoveryNotNeeded(logger, channelId, run.ScheduledAt);
            return;
        }

        var channel = new KeyValuePair<string, object?>("channel", channelId);
        MonitorMeter.Runs.Add(1, channel);
        var runId = await runLog.StartedAsync(run with { StartedAt = clock.GetUtcNow() }, cancellationToken);
        SourceRunSummary summary;
        await using (runLog.KeepAlive(runId))
        {
            summary = await runner.RunAsync(source.Station, source.Channel, progress: null, cancellationToken);
        }

        await runLog.FinishedAsync(runId, summary.Outcome.ToString(), summary.Stored, clock.GetUtcNow(), CancellationToken.None);
        MonitorMeter.Items.Add(summary.Stored, channel);
        MonitorMeter.RunDuration.Record(summary.Elapsed.TotalSeconds, channel);
        if (!summary.Succeeded)
        {
            MonitorMeter.Failures.Add(1, channel, new KeyValuePair<string, object?>("outcome", summary.Outcome.ToString()));
        }
    }

    /// <summary>
    /// The fire this run answers, to the whole second: a recovery runs under a trigger of its own, so
    /// the fire it takes over is the original one Quartz keeps in the recovery trigger's data, written
    /// as an invariant-culture <see cref="DateTimeOffset"/> string, which has whole seconds only. A
    /// fire Quartz made late for a misfire is scheduled at a fraction of a second; without the cut,
    /// its recovery would answer a different time, find no run of its fire and the run log would not
    /// tie the two together. Two fires of one channel never fall within one second.
    /// </summary>
    internal static DateTimeOffset FireAnswered(IJobExecutionContext context) =>
        FireAnswered(context.Recovering, context.MergedJobDataMap, context.ScheduledFireTimeUtc ?? context.FireTimeUtc);

    internal static DateTimeOffset FireAnswered(bool recovering, JobDataMap data, DateTimeOffset scheduled)
    {
        if (recovering
            && data.TryGetValue(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime, out var original)
            && DateTimeOffset.TryParse(Convert.ToString(original, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var originalFire))
        {
            scheduled = originalFire;
        }

        var utc = scheduled.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Recovery of {ChannelId}'s fire at {ScheduledAt:O} not needed: its run finished or still beats on another worker")]
    private static partial void RecoveryNotNeeded(ILogger logger, string channelId, DateTimeOffset scheduledAt);

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Scheduled channel {ChannelId} is no longer in the configuration; skipped")]
    private static partial void ChannelNotConfigured(ILogger logger, string channelId);
}
