using System.CommandLine;
using Monitor.Reporting;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Report;

/// <summary><c>report leaderboard --cluster cum-2 [--from] [--to] [--json]</c>.</summary>
internal static class LeaderboardReportCommand
{
    public static Option<string> Cluster { get; } = new("--cluster") { Description = "Emulation cluster id, such as cum-2", Required = true };

    public static Command Create()
    {
        var command = new Command("leaderboard", "Rank a cluster's stations by engagement, with engagement per item, median overperformance, output per platform and follower growth");
        command.Options.Add(Cluster);
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
        if (error is not null)
        {
            await context.Error.WriteLineAsync(error);
            return ExitCodes.InvalidConfiguration;
        }

        return await ReportSource.RunAsync(context, async inputs =>
        {
            var cluster = parseResult.GetValue(Cluster)!;
            var known = inputs.Pipelines.Stations.Select(s => s.Cluster).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            if (!known.Contains(cluster, StringComparer.OrdinalIgnoreCase))
            {
                await context.Error.WriteLineAsync($"No station in {context.PipelinesFolder} belongs to cluster '{cluster}'. Known clusters: {string.Join(", ", known)}.");
                return ExitCodes.InvalidConfiguration;
            }

            var report = await Leaderboard.BuildAsync(cluster, inputs.Pipelines.Stations, inputs.Queries, inputs.Followers, from, to, cancellationToken);
            await context.Output.WriteAsync(parseResult.GetValue(ReportOptions.Json) ? ReportText.ToJson(report) + Environment.NewLine : ReportText.Render(report));
            return ExitCodes.Ok;
        }, cancellationToken);
    }
}
