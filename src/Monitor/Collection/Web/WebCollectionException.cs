namespace Monitor.Collection.Web;

/// <summary>A whole website source failed (home page or robots.txt unreachable): nothing could be collected from it.</summary>
public sealed class WebCollectionException : SourceUnavailableException
{
    public WebCollectionException()
    {
    }

    public WebCollectionException(string message)
        : base(message)
    {
    }

    public WebCollectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
