using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Serilog: a readable console (level chosen by the command: quieter under a progress display) and
/// a rolling file under <c>&lt;dataFolder&gt;/logs</c> that always keeps Information and above, as
/// structured JSON lines.
/// </summary>
internal static class MonitorLogging
{
    public static Serilog.ILogger Create(string dataFolder, LogEventLevel consoleLevel)
    {
        var logs = Path.Combine(dataFolder, "logs");
        Directory.CreateDirectory(logs);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.File(
                new JsonFormatter(renderMessage: true),
                Path.Combine(logs, "monitor-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 31,
                shared: true);
        // Console logs go to stderr, so stdout stays clean for `stats --json` and the summary table.
        return configuration
            .WriteTo.Console(restrictedToMinimumLevel: consoleLevel, outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
    }

    // Exceptions only appear for unexpected errors; expected failures are logged as one line.
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";
}
