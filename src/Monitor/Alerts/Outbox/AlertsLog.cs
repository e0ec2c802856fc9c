using Microsoft.Extensions.Logging;

namespace Monitor.Alerts.Outbox;

internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Alert delivery {Key} sent to {RecipientId} by {Channel} ({Alerts} alerts)")]
    public static partial void Sent(ILogger logger, string key, string recipientId, string channel, int alerts);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Alert delivery {Key} to {RecipientId} by {Channel} failed (attempt {Attempt}), tried again at {RetryAt}: {Error}")]
    public static partial void WillRetry(ILogger logger, string key, string recipientId, string channel, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Alert delivery {Key} to {RecipientId} by {Channel} given up after {Attempt} attempts: {Error}")]
    public static partial void GaveUp(ILogger logger, string key, string recipientId, string channel, int attempt, string error);
}
