using System.CommandLine;

namespace Monitor.Worker.Commands;

internal static class ExtractCommand
{
    public static Command Create()
    {
        var command = new Command("extract", "TODO: describe extract");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("'extract' is not built yet.");
            return 2;
        });
        return command;
    }
}
