namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// Elasticsearch refused or could not be reached in a way retrying will not fix (or retries ran
/// out). The message says what to do; <see cref="IsTransient"/> lets the runner decide whether the
/// next scheduled run may succeed.
/// </summary>
public sealed class ElasticsearchException : Exception
{
    public ElasticsearchException()
    {
    }

    public ElasticsearchException(string message)
        : base(message)
    {
    }

    public ElasticsearchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ElasticsearchException(string message, int? statusCode, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
    }

    public int? StatusCode { get; }

    public bool IsTransient { get; }
}
