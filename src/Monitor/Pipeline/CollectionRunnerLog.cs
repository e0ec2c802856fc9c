using Microsoft.Extensions.Logging;

namespace Monitor.Pipeline;

/// <summary>The runner's log lines: one summary line per source per run, with its context as properties.</summary>
internal static partial class CollectionRunnerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Source {StationId}/{ChannelId} collected in {ElapsedMs} ms: {NewItems} new, {ChangedItems} changed, {UnchangedItems} unchanged, {Observations} observations, {Comments} comments, {Flags} flags")]
    public static partial void SourceSucceeded(ILogger logger, string stationId, string channelId, long elapsedMs, int newItems, int changedItems, int unchangedItems, int observations, int comments, int flags);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning,
        Message = "Source {StationId}/{ChannelId} failed ({Outcome}) after {ElapsedMs} ms and {Stored} stored items ({NewItems} new): {Error}")]
    public static partial void SourceFailed(ILogger logger, string stationId, string channelId, SourceOutcome outcome, long elapsedMs, int stored, int newItems, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error,
        Message = "Source {StationId}/{ChannelId} failed with an unexpected error after {Stored} stored items: {Error}")]
    public static partial void SourceCrashed(ILogger logger, Exception exception, string stationId, string channelId, int stored, string error);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning,
        Message = "Source {StationId}/{ChannelId} skipped: no collector handles '{Platform}' channels")]
    public static partial void NoCollector(ILogger logger, string stationId, string channelId, string platform);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information,
        Message = "Source {StationId}/{ChannelId} cancelled after {Stored} stored items; everything stored so far is kept")]
    public static partial void SourceCancelled(ILogger logger, string stationId, string channelId, int stored);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information,
        Message = "Cycle finished in {ElapsedMs} ms: {Sources} sources, {Failed} failed, {NewItems} new items, {Stored} items stored")]
    public static partial void CycleFinished(ILogger logger, long elapsedMs, int sources, int failed, int newItems, int stored);
}
