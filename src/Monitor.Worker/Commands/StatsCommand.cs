using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Reporting;
using Monitor.Storage;
using Monitor.Worker.Commands.Report;
using Monitor.Worker.Hosting;
using Monitor.Worker.Output;

namespace Monitor.Worker.Commands;

/// <summary><c>stats [--json]</c>: a summary of the store, per station and platform. Never writes to the store.</summary>
internal static class StatsCommand
{
    public static Option<bool> Json { get; } = new("--json") { Description = "Print the summary as JSON instead of a table" };

    public static Command Create()
    {
        var command = new Command("stats", "Summarise what the store holds, per station and platform (table, or --json)");
        command.Options.Add(Json);
        command.SetAction((parseResult, cancellationToken) => RunAsync(CommandContext.From(parseResult), parseResult.GetValue(Json), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, bool json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var loaded = context.LoadPipelines();
        var dbPath = context.DbPath(loaded);
        await using var services = ReportStore.Open(context, loaded, dbPath);
        var store = services.GetRequiredService<IContentStore>();
        try
        {
            await store.InitializeAsync(cancellationToken);
            var stats = await store.GetStatsAsync(cancellationToken);
            if (json)
            {
                await context.Output.WriteLineAsync(StatsJson.Write(stats));
            }
            else
            {
                StatsTable.Write(Terminal.For(context.Output), stats, ReportStore.Describe(context, loaded, dbPath));
            }

            return ExitCodes.Ok;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
    }
}
