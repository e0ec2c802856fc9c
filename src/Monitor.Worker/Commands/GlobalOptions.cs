using System.CommandLine;

namespace Monitor.Worker.Commands;

/// <summary>Options every subcommand understands.</summary>
internal static class GlobalOptions
{
    public static Option<string?> Db { get; } = new("--db")
    {
        Description = "Path of the SQLite store file (default: <data folder>/monitor.db from pipelines/monitor.yaml)",
        Recursive = true,
    };

    public static Option<string> Pipelines { get; } = new("--pipelines")
    {
        Description = "Folder holding monitor.yaml, stations/, profiles/ and watchlists/",
        DefaultValueFactory = _ => "pipelines",
        Recursive = true,
    };
}
