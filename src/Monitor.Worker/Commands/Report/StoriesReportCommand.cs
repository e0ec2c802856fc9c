using System.CommandLine;
using Monitor.Reporting;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Report;

/// <summary><c>report stories --cluster cum-2 [--limit N] [--from] [--to] [--json]</c>.</summary>
internal static class StoriesReportCommand
{
    public static Command Create()
    {
        var command = new Command("stories", "List a cluster's stories carried on several channels (shared link or near-identical title), by summed reach");
        command.Options.Add(LeaderboardReportCommand.Cluster);
        command.Options.Add(TopReportCommand.Limit);
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
        var limit = parseResult.GetValue(TopReportCommand.Limit);
        if (error is not null || limit < 1)
        {
            await context.Error.WriteLineAsync(error ?? "--limit must be at least 1");
            return ExitCodes.InvalidConfiguration;
        }

        return await ReportSource.RunAsync(context, async inputs =>
        {
            var report = await StoriesReportBuilder.BuildAsync(parseResult.GetValue(LeaderboardReportCommand.Cluster)!, inputs.Pipelines.Stations, inputs.Queries, limit, from, to, cancellationToken);
            await context.Output.WriteAsync(parseResult.GetValue(ReportOptions.Json) ? ReportText.ToJson(report) + Environment.NewLine : ReportText.Render(report));
            return ExitCodes.Ok;
        }, cancellationToken);
    }
}
