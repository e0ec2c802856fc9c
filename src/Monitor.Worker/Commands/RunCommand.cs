using System.CommandLine;

namespace Monitor.Worker.Commands;

internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "TODO: describe run");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("'run' is not built yet.");
            return 2;
        });
        return command;
    }
}
