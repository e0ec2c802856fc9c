using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Monitor.Worker.Hosting;

/// <summary>
/// Serilog: a readable console (level chosen by the command: quieter under a progress display) and
/// a rolling file under <c>&lt;dataFolder&gt;/logs</c> that always keeps Information and above, as
/// structured JSON lines. Wired through Serilog.Extensions.Hosting: the logger is built when the
/// container first needs it and flushed and disposed with the container.
/// </summary>
internal static class MonitorLogging
{
    /// <summary>Serilog as the container's only logging provider; the static <c>Log.Logger</c> is left alone (tests build several containers side by side).</summary>
    public static IServiceCollection AddMonitorLogging(this IServiceCollection services, string dataFolder, LogEventLevel consoleLevel) =>
        services.AddSerilog((_, configuration) => Configure(configuration, dataFolder, consoleLevel), preserveStaticLogger: true);

    private static void Configure(LoggerConfiguration configuration, string dataFolder, LogEventLevel consoleLevel)
    {
        var logs = Path.Combine(dataFolder, "logs");
        Directory.CreateDirectory(logs);
        configuration
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
                shared: true)

            // Console logs go to stderr, so stdout stays clean for `stats --json` and the summary table.
            .WriteTo.Console(restrictedToMinimumLevel: consoleLevel, outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: LogEventLevel.Verbose);
    }

    // Exceptions only appear for unexpected errors; expected failures are logged as one line.
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";
}
