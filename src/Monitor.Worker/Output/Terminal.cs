using Spectre.Console;

namespace Monitor.Worker.Output;

/// <summary>
/// A Spectre console over a command's output writer. Live displays (progress bars) only when that
/// writer is a real interactive terminal; redirected output and CI get plain lines.
/// </summary>
internal static class Terminal
{
    public static bool IsInteractive(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out)
        && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("CI") is null
        && AnsiConsole.Profile.Capabilities.Interactive;

    public static IAnsiConsole For(TextWriter writer)
    {
        if (IsInteractive(writer))
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 140;
        return console;
    }
}
