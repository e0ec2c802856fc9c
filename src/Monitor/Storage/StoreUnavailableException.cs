namespace Monitor.Storage;

/// <summary>
/// The store cannot be used as it is (damaged file, read-only file, newer schema, unreachable
/// server). The message names the store and says what to do; callers show it as it is, without a
/// stack trace, and stop: no source can be collected into a store that cannot take it.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
