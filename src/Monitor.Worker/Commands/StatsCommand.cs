using System.CommandLine;

namespace Monitor.Worker.Commands;

internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "TODO: describe stats");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("'stats' is not built yet.");
            return 2;
        });
        return command;
    }
}
