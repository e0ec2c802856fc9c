using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Elasticsearch;

internal static partial class ElasticsearchLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Connected to Elasticsearch {Version} ({Flavor}) at {Nodes}")]
    public static partial void Connected(ILogger logger, string version, string flavor, string nodes);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Elasticsearch answered {Status} for {Request}; retry {Attempt} in {Delay}")]
    public static partial void RequestRetry(ILogger logger, int status, string request, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Could not reach Elasticsearch for {Request} ({Error}); retry {Attempt} in {Delay}")]
    public static partial void ConnectionRetry(ILogger logger, string request, string error, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Bulk: {Pending} of {Total} documents rejected with 429/5xx; retry {Attempt} in {Delay}")]
    public static partial void BulkItemsRetry(ILogger logger, int pending, int total, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "Bulk: {Index}/{Id} rejected with {Status} {ErrorType}: {Reason}; written to the dead-letter file {Path}")]
    public static partial void DeadLettered(ILogger logger, string index, string id, int status, string errorType, string reason, string path);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Cluster health is {Status} ({Nodes} nodes)")]
    public static partial void Health(ILogger logger, string status, int nodes);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Setup: {Kind} {Name} {Outcome}")]
    public static partial void SetupStep(ILogger logger, string kind, string name, string outcome);
}
