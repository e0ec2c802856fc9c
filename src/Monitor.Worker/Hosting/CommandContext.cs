using System.CommandLine;
using Monitor.Configuration;
using Monitor.Worker.Commands;

namespace Monitor.Worker.Hosting;

/// <summary>What every subcommand needs from the command line: the pipelines folder, the store file, where to write.</summary>
internal sealed record CommandContext(string PipelinesFolder, string? DbOverride, TextWriter Output, TextWriter Error)
{
    public static CommandContext From(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new CommandContext(
            parseResult.GetValue(GlobalOptions.Pipelines) ?? "pipelines",
            parseResult.GetValue(GlobalOptions.Db),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error);
    }

    public PipelineLoadResult LoadPipelines() => PipelineLoader.Load(PipelinesFolder);

    /// <summary>--db when given, else the path from monitor.yaml (its default when the folder has problems).</summary>
    public string DbPath(PipelineLoadResult pipelines) =>
        DbOverride ?? (pipelines.Configuration?.Settings ?? new MonitorSettings()).SqlitePath;

    /// <summary>Prints every configuration problem, compiler style, and a count.</summary>
    public void WriteProblems(IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            Error.WriteLine(problem.ToString());
        }

        Error.WriteLine($"{problems.Count} configuration problem(s) found in {PipelinesFolder}. Nothing was run.");
    }
}
