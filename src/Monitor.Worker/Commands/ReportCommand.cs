using System.CommandLine;
using Monitor.Worker.Commands.Report;

namespace Monitor.Worker.Commands;

/// <summary><c>report leaderboard|top</c>: engagement reports over the store, as tables or <c>--json</c>. Never writes.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "Engagement reports: cluster leaderboard, a station's most overperforming items");
        command.Subcommands.Add(LeaderboardReportCommand.Create());
        command.Subcommands.Add(TopReportCommand.Create());
        command.Subcommands.Add(StoriesReportCommand.Create());
        return command;
    }
}
