using Microsoft.Extensions.Logging;

namespace Monitor.Collection.Social;

/// <summary>Log lines of the social collectors. Channel ids and variable names only, never token values.</summary>
internal static partial class SocialLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "{Platform} {ChannelId}: paused until {Until:o} ({Reason}); skipping this run")]
    public static partial void PausedSkip(ILogger logger, string platform, string channelId, DateTimeOffset until, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "{Platform} {ChannelId}: {Reason}; pausing until {Until:o}, items already collected are kept")]
    public static partial void Pausing(ILogger logger, string platform, string channelId, string reason, DateTimeOffset until);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "{Platform} {ChannelId}: the platform repeated paging cursor {Cursor}; stopped paging, {Collected} entries read so far are kept")]
    public static partial void RepeatedCursor(ILogger logger, string platform, string channelId, string cursor, int collected);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "{Platform} {ChannelId}: item {ItemId} no longer exists on the platform; stopped observing it, its stored observations are kept")]
    public static partial void ItemGone(ILogger logger, string platform, string channelId, string itemId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Platform} {ChannelId}: item {ItemId} came without engagement numbers ({Missing}); no observation taken, it stays due")]
    public static partial void MissingNumbers(ILogger logger, string platform, string channelId, string itemId, string missing);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "{Platform} {ChannelId}: {Listed} listed, {Due} due, {Observed} observed, {Comments} comments")]
    public static partial void RunSummary(ILogger logger, string platform, string channelId, int listed, int due, int observed, int comments);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "{Platform} {ChannelId}: usage at {Percent}% of the platform limit (ceiling {Ceiling}%); slowing down")]
    public static partial void HighUsage(ILogger logger, string platform, string channelId, int percent, int ceiling);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "{Platform} {ChannelId}: comments of {ItemId} unavailable ({Reason}); item kept without them")]
    public static partial void CommentsUnavailable(ILogger logger, string platform, string channelId, string itemId, string reason);
}
