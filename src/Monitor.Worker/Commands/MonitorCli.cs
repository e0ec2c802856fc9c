using System.CommandLine;

namespace Monitor.Worker.Commands;

/// <summary>The command tree. Each subcommand lives in its own file and builds its own host.</summary>
internal static class MonitorCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Monitor: collects what Vietnamese provincial radio-TV stations publish and how people respond.");
        root.Options.Add(GlobalOptions.Db);
        root.Options.Add(GlobalOptions.Pipelines);

        var run = RunCommand.Create();
        root.Subcommands.Add(run);
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(ExtractCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(SetupCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(ModelCommand.Create());
        root.Subcommands.Add(Model.RescoreCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(AlertsCommand.Create());

        // `run` is the default: the worker started with no subcommand is the scheduled daemon.
        root.Action = run.Action;
        return root;
    }
}
