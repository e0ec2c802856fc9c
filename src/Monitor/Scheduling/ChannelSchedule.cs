using Monitor.Configuration;
using Monitor.Domain;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>How a channel becomes a Quartz job and cron trigger (keys, time zone, misfire policy).</summary>
internal static class ChannelSchedule
{
    public const string Group = "collect";

    /// <summary>Station schedules are written in Vietnamese local time ("every day at 06:00" means 06:00 in Hà Nội).</summary>
    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static JobKey JobKey(string channelId) => new(channelId, Group);

    public static TriggerKey TriggerKey(string channelId) => new(channelId, Group);

    public static string CronFor(Channel channel, MonitorSettings settings) => channel.Schedule ?? settings.Schedules.DefaultCron;

    public static IJobDetail Job(Channel channel) =>
        JobBuilder.Create<CollectChannelJob>()
            .WithIdentity(JobKey(channel.Id))
            .WithDescription($"Collect {channel.StationId}/{channel.Id}")
            .UsingJobData(CollectChannelJob.ChannelIdKey, channel.Id)

            // A run cut short by a dead process (or a dead worker of a cluster) is run again; item ids
            // and the seen-set make the repeat store nothing twice.
            .RequestRecovery()
            .Build();

    /// <summary>
    /// Misfire: fire once as soon as possible, then keep the cron. A worker that was down for a day
    /// collects once on start rather than replaying every missed half hour.
    /// </summary>
    public static ITrigger Trigger(Channel channel, string cron, TimeProvider clock) =>
        TriggerBuilder.Create(clock)
            .WithIdentity(TriggerKey(channel.Id))
            .ForJob(JobKey(channel.Id))
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
}
