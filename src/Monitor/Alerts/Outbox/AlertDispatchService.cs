using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Storage;

namespace Monitor.Alerts.Outbox;

/// <summary>The daemon's dispatcher loop: every <see cref="Interval"/> of the injected clock, send what is due.</summary>
internal sealed partial class AlertDispatchService(AlertDispatcher dispatcher, TimeProvider clock, ILogger<AlertDispatchService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (StoreUnavailableException exception)
            {
                // The collection jobs report a store that cannot be used; the loop tries again next minute.
                DispatchFailed(logger, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Alert dispatch skipped: {Error}")]
    private static partial void DispatchFailed(ILogger logger, string error);
}
