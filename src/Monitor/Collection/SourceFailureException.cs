namespace Monitor.Collection;

/// <summary>
/// A collector's own, well-understood failure (a platform refused a token, a quota ran out, a
/// credential variable is unset): its message says all a person needs, so the runner logs it as the
/// source's one summary line without a stack trace. <see cref="IsTransient"/> tells whether the
/// next run can succeed without a human.
/// </summary>
public abstract class SourceFailureException : Exception
{
    protected SourceFailureException()
    {
    }

    protected SourceFailureException(string message)
        : base(message)
    {
    }

    protected SourceFailureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public abstract bool IsTransient { get; }
}
