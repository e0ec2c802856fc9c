namespace Monitor.Scheduling.Cluster;

/// <summary>A worker whose schedule configuration differs from the one its running cluster uses; it must not join.</summary>
public sealed class ScheduleConflictException : Exception
{
    public ScheduleConflictException()
    {
    }

    public ScheduleConflictException(string message)
        : base(message)
    {
    }

    public ScheduleConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
