using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Makes the persistent schedule match the configuration without disturbing what already matches:
/// an unchanged trigger keeps its stored state, so fire times missed while the worker was down are
/// handled by the misfire policy instead of being forgotten. New or changed channels are
/// (re)scheduled; channels removed from the configuration lose their job.
/// </summary>
internal sealed partial class ScheduleSynchroniser(TimeProvider clock, ILogger<ScheduleSynchroniser> logger)
{
    public async Task<ScheduleChanges> SynchroniseAsync(IScheduler scheduler, PipelineConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(configuration);
        int added = 0, changed = 0, kept = 0, removed = 0;
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, channel) in configuration.Sources())
        {
            wanted.Add(channel.Id);
            var cron = ChannelSchedule.CronFor(channel, configuration.Settings);
            var existing = await scheduler.GetTrigger(ChannelSchedule.TriggerKey(channel.Id), cancellationToken) as ICronTrigger;
            if (existing is not null && existing.CronExpressionString == cron && existing.TimeZone.Id == ChannelSchedule.TimeZone.Id)
            {
                kept++;
                continue;
            }

            await scheduler.ScheduleJob(
                ChannelSchedule.Job(channel),
                [ChannelSchedule.Trigger(channel, cron, clock)],
                new ScheduleJobOptions { Replace = true },
                cancellationToken);
            if (existing is null)
            {
                added++;
            }
            else
            {
                changed++;
            }
        }

        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ChannelSchedule.Group), cancellationToken))
        {
            if (!wanted.Contains(key.Name) && await scheduler.DeleteJob(key, cancellationToken))
            {
                removed++;
            }
        }

        var changes = new ScheduleChanges(added, changed, kept, removed);
        Synchronised(logger, added, changed, kept, removed);
        return changes;
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "Schedule synchronised: {Added} added, {Changed} changed, {Kept} kept, {Removed} removed")]
    private static partial void Synchronised(ILogger logger, int added, int changed, int kept, int removed);
}

public sealed record ScheduleChanges(int Added, int Changed, int Kept, int Removed);
