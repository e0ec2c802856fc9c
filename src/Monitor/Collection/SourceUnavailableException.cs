namespace Monitor.Collection;

/// <summary>
/// A collector could not reach its source at all (site down, robots.txt unreachable, network
/// absent). The runner treats it as temporary, logs its message as the source's one summary line
/// (no stack trace: it is an expected condition) and tries again on the next run. Collectors may
/// derive their own exception from it.
/// </summary>
public class SourceUnavailableException : Exception
{
    public SourceUnavailableException()
    {
    }

    public SourceUnavailableException(string message)
        : base(message)
    {
    }

    public SourceUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
