using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Outbox;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>alerts list [--json] [--status open|closed]</c>: the alerts the store holds with their deliveries;
/// <c>alerts test RECIPIENT</c>: a test message on each of a recipient's channels;
/// <c>alerts dispatch</c>: send what the outbox holds that is due now.
/// </summary>
internal static class AlertsCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Option<bool> Json { get; } = new("--json") { Description = "Print the alerts as JSON" };

    private static Option<string?> Status { get; } = CreateStatus();

    private static Option<int> Limit { get; } = new("--limit") { Description = "At most this many alerts, newest first", DefaultValueFactory = _ => 200 };

    private static Argument<string> RecipientArgument { get; } = new("RECIPIENT") { Description = "A recipient id from alerts.yaml" };

    public static Command Create()
    {
        var command = new Command("alerts", "The alerts raised (negative surges, viral posts, watch-list hits, silent or failing sources) and their deliveries");
        var list = new Command("list", "List alerts: kind, target, opened, closed, deliveries with their status");
        list.Options.Add(Json);
        list.Options.Add(Status);
        list.Options.Add(Limit);
        list.SetAction((parse, token) => ListAsync(CommandContext.From(parse), parse.GetValue(Json), parse.GetValue(Status), parse.GetValue(Limit), token));
        var test = new Command("test", "Send a test message to every channel of one recipient");
        test.Arguments.Add(RecipientArgument);
        test.SetAction((parse, token) => TestAsync(CommandContext.From(parse), parse.GetValue(RecipientArgument)!, token));
        var dispatch = new Command("dispatch", "Send the deliveries that are due now (the daemon does this every minute)");
        dispatch.SetAction((parse, token) => DispatchAsync(CommandContext.From(parse), token));
        command.Subcommands.Add(list);
        command.Subcommands.Add(test);
        command.Subcommands.Add(dispatch);
        return command;
    }

    private static Option<string?> CreateStatus()
    {
        var option = new Option<string?>("--status") { Description = "Only open or only closed alerts" };
        option.AcceptOnlyFromAmong("open", "closed");
        return option;
    }

    public static async Task<int> ListAsync(CommandContext context, bool json, string? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dbPath = context.DbPath(context.LoadPipelines());
        await using var services = new ServiceCollection().AddSqliteStore(dbPath, readOnly: true).BuildServiceProvider();
        try
        {
            await services.GetRequiredService<IContentStore>().InitializeAsync(cancellationToken);
            var alerts = await services.GetRequiredService<IAlertOutbox>().ListAlertsAsync(status switch { "open" => true, "closed" => false, _ => null }, limit, cancellationToken);
            if (json)
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(alerts.Select(ToJson), Indented));
                return ExitCodes.Ok;
            }

            await context.Output.WriteLineAsync(alerts.Count == 0 ? "No alerts." : $"{alerts.Count} alert(s), newest first:");
            foreach (var alert in alerts)
            {
                await context.Output.WriteLineAsync(
                    $"#{alert.Id} {alert.Kind.ToWire()} {alert.TargetId} opened {Time(alert.OpenedAt)}{(alert.ClosedAt is { } c ? $" closed {Time(c)}" : " (open)")}");
                await context.Output.WriteLineAsync("    " + alert.Summary);
                foreach (var d in alert.Deliveries)
                {
                    await context.Output.WriteLineAsync(
                        $"    → {d.RecipientId} {d.Channel} {d.Address}: {d.Status.ToString().ToLowerInvariant()}{(d.SentAt is { } s ? " " + Time(s) : string.Empty)}{(d.LastError is { } e ? $" ({d.Attempts} attempts; {e})" : string.Empty)}");
                }
            }

            return ExitCodes.Ok;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
    }

    public static async Task<int> TestAsync(CommandContext context, string recipientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        var configuration = pipelines.Configuration!;
        if (configuration.Alerts.FindRecipient(recipientId) is not { } recipient)
        {
            var known = configuration.Alerts.Recipients.Count == 0 ? "none: add recipients to alerts.yaml" : string.Join(", ", configuration.Alerts.Recipients.Select(r => r.Id));
            await context.Error.WriteLineAsync($"No recipient '{recipientId}' in {Path.Combine(context.PipelinesFolder, "alerts.yaml")} (known: {known}).");
            return ExitCodes.InvalidConfiguration;
        }

        await using var services = new ServiceCollection().AddLogging().AddSqliteStore(context.DbPath(pipelines), readOnly: true).AddAlerts(configuration).BuildServiceProvider();
        var results = await services.GetRequiredService<AlertDispatcher>().SendTestAsync(recipient, cancellationToken);
        foreach (var (target, error) in results)
        {
            await context.Output.WriteLineAsync(error is null ? $"  OK    {target.Channel} {target.Address}" : $"  FAIL  {target.Channel} {target.Address}: {error}");
        }

        return results.All(r => r.Error is null) ? ExitCodes.Ok : ExitCodes.SourcesFailed;
    }

    public static async Task<int> DispatchAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        await using var services = new ServiceCollection().AddLogging().AddSqliteStore(context.DbPath(pipelines)).AddAlerts(pipelines.Configuration!).BuildServiceProvider();
        try
        {
            await services.GetRequiredService<IContentStore>().InitializeAsync(cancellationToken);
            var result = await DispatchAndReportAsync(services, context.Output, cancellationToken);
            return result.GivenUp == 0 ? ExitCodes.Ok : ExitCodes.SourcesFailed;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
    }

    /// <summary>Sends what is due and prints one line, plus one per failure.</summary>
    public static async Task<DispatchResult> DispatchAndReportAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var result = await services.GetRequiredService<AlertDispatcher>().DispatchDueAsync(cancellationToken);
        await output.WriteLineAsync($"Alert deliveries: {result.Sent} sent, {result.Retrying} to retry, {result.GivenUp} failed.");
        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync("  " + error);
        }

        return result;
    }

    private static object ToJson(StoredAlert alert) => new
    {
        id = alert.Id,
        kind = alert.Kind.ToWire(),
        target = alert.TargetId,
        station = alert.StationId,
        channel = alert.ChannelId,
        itemId = alert.ItemId,
        summary = alert.Summary,
        numbers = alert.Numbers,
        evidence = alert.Evidence,
        opened = alert.OpenedAt,
        updated = alert.UpdatedAt,
        closed = alert.ClosedAt,
        status = alert.ClosedAt is null ? "open" : "closed",
        deliveries = alert.Deliveries.Select(d => new
        {
            recipient = d.RecipientId,
            channel = d.Channel,
            address = d.Address,
            status = d.Status.ToString().ToLowerInvariant(),
            attempts = d.Attempts,
            due = d.DueAt,
            sent = d.SentAt,
            error = d.LastError,
        }),
    };

    private static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Alerts.Rules.AlertsConfiguration.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
