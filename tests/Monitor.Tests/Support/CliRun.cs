using System.CommandLine;
using Monitor.Worker.Commands;

namespace Monitor.Tests.Support;

/// <summary>Runs the worker's command line in-process with captured output.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MonitorCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
