using Monitor.Alerts;
using Monitor.Alerts.Outbox;
using Monitor.Alerts.Rules;
using Monitor.Configuration;

namespace Monitor.Worker.Demo;

/// <summary>
/// The alert half of <c>demo</c>: the rules of alerts.yaml with one recipient only, a local folder
/// (<c>outbox/</c> beside the store file, so <c>data/outbox/</c> by default): no mail, webhook or
/// Telegram message leaves 127.0.0.1. After the rounds it delivers and prints what was raised.
/// </summary>
internal static class DemoAlerts
{
    public const string RecipientId = "hop-thu-demo";

    public static PipelineConfiguration WithFolderOnly(PipelineConfiguration configuration, string dbPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = OutboxFolder(dbPath);
        var recipient = new Recipient(RecipientId, "Hộp thư cảnh báo demo", [new FolderTarget(folder, "json")], new HashSet<string>(), new HashSet<string>(), new HashSet<AlertKind>(), DeliverySchedule.Immediate, null);
        return configuration with { Alerts = configuration.Alerts with { Recipients = [recipient], Smtp = null } };
    }

    private const int MaxListed = 1000;

    public static string OutboxFolder(string dbPath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dbPath))!, "outbox");

    public static async Task WriteAsync(IAlertOutbox outbox, AlertDispatcher dispatcher, string dbPath, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(output);
        var result = await dispatcher.DispatchDueAsync(cancellationToken);
        // Every alert of the demo store (a few dozen) is counted: counting the 50 newest had reported 50 of 62.
        var alerts = await outbox.ListAlertsAsync(null, MaxListed, cancellationToken);
        var stored = alerts.Count < MaxListed ? $"{alerts.Count}" : $"{MaxListed}+";
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Alerts: {stored} in the store ({alerts.Count(a => a.ClosedAt is null)} open); {result.Sent} delivered now to {OutboxFolder(dbPath)} (one .json per delivery), {result.Retrying + result.GivenUp} not delivered.");
        await output.WriteLineAsync("  by kind: " + string.Join(", ", alerts.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.ToWire()} {g.Count()}")));

        // Watch-list hits are many on the replayed news; the other kinds are the planted events, all shown.
        var shown = alerts.Where(a => a.Kind != AlertKind.Watchlist).Concat(alerts.Where(a => a.Kind == AlertKind.Watchlist).OrderBy(a => a.Id).Take(3));
        foreach (var alert in shown.OrderBy(a => a.Id))
        {
            await output.WriteLineAsync($"  #{alert.Id} {alert.Kind.ToWire(),-15} {(alert.ClosedAt is null ? "open  " : "closed")} {alert.Summary}");
        }

        await output.WriteLineAsync("  `alerts list` shows every alert with its deliveries; `alerts list --json` for tools.");

        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync("  FAIL  " + error);
        }
    }
}
