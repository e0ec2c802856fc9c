namespace Monitor.Scheduling.Cluster;

/// <summary>
/// One worker's place in a cluster: the PostgreSQL database every worker shares, how often it
/// checks in (a dead worker's jobs are recovered after about one interval plus the threshold) and
/// the misfire threshold. <see cref="InstanceId"/> is unique per process, so a restarted worker is
/// a new member and its predecessor's unfinished jobs are recovered like any dead member's.
/// </summary>
public sealed record ClusterSchedulingOptions(string ConnectionString, TimeSpan CheckinInterval, TimeSpan MisfireThreshold)
{
    public const string SchedulerName = "monitor";

    /// <summary>How recently a member must have checked in to count as alive (start-up refusal, <c>/health</c>).</summary>
    public TimeSpan LivenessWindow => CheckinInterval * 2 + MisfireThreshold;

    public string InstanceId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
}
