using System.CommandLine;

namespace Monitor.Worker.Commands;

internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "TODO: describe demo");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("'demo' is not built yet.");
            return 2;
        });
        return command;
    }
}
