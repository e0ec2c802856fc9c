using System.CommandLine;
using Monitor.Reporting;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Report;

/// <summary><c>report top --station ID [--limit N] [--from] [--to] [--json]</c>.</summary>
internal static class TopReportCommand
{
    public static Option<string> Station { get; } = new("--station") { Description = "Station id, such as thai-nguyen", Required = true };

    public static Option<int> Limit { get; } = new("--limit") { Description = "How many items to list", DefaultValueFactory = _ => 20 };

    public static Command Create()
    {
        var command = new Command("top", "List a station's most overperforming items (score at 1 h, 24 h, 7 d) with their story reach");
        command.Options.Add(Station);
        command.Options.Add(Limit);
        command.Options.Add(ReportOptions.From);
        command.Options.Add(ReportOptions.To);
        command.Options.Add(ReportOptions.Json);
        command.SetAction((parseResult, cancellationToken) => RunAsync(CommandContext.From(parseResult), parseResult, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (from, to, error) = ReportOptions.Period(parseResult);
        var limit = parseResult.GetValue(Limit);
        if (error is not null || limit < 1)
        {
            await context.Error.WriteLineAsync(error ?? "--limit must be at least 1");
            return ExitCodes.InvalidConfiguration;
        }

        return await ReportSource.RunAsync(context, async inputs =>
        {
            var station = parseResult.GetValue(Station)!;
            if (inputs.Pipelines.Stations.All(s => s.Id != station))
            {
                await context.Error.WriteLineAsync($"Unknown station '{station}'. Known stations: {string.Join(", ", inputs.Pipelines.Stations.Select(s => s.Id))}.");
                return ExitCodes.InvalidConfiguration;
            }

            var report = await TopItems.BuildAsync(station, inputs.Queries, limit, from, to, cancellationToken);
            await context.Output.WriteAsync(parseResult.GetValue(ReportOptions.Json) ? ReportText.ToJson(report) + Environment.NewLine : ReportText.Render(report));
            return ExitCodes.Ok;
        }, cancellationToken);
    }
}
