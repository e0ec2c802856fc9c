using System.CommandLine;

namespace Monitor.Worker.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "TODO: describe validate");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("'validate' is not built yet.");
            return 2;
        });
        return command;
    }
}
