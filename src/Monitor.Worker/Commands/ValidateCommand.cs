using System.CommandLine;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands;

/// <summary><c>validate</c>: checks everything under pipelines/ and lists every problem with file and line.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Check pipelines/ (settings, stations, channels, profiles); list every problem with file:line:column");
        command.SetAction(parseResult => Run(CommandContext.From(parseResult)));
        return command;
    }

    public static int Run(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = context.LoadPipelines();
        if (!result.IsValid)
        {
            context.WriteProblems(result.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        var configuration = result.Configuration!;
        context.Output.WriteLine(
            $"{context.PipelinesFolder}: valid. {configuration.Stations.Count} stations, {configuration.ChannelCount} channels " +
            $"({configuration.UnconfirmedChannels.Count} unconfirmed), {configuration.Profiles.Count} site profiles; store {configuration.Settings.Store.Kind.ToString().ToLowerInvariant()} at {context.DbPath(result)}.");
        return ExitCodes.Ok;
    }
}
