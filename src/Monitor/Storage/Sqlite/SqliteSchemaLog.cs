using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// An upgrade of an existing store file, said as it happens: on a year of a province some steps
/// rebuild indexes over a million rows for a minute or more, and a command that says nothing then
/// looks hung. Warnings, so the CLI's quiet commands (import, reports' writers) show them too.
/// </summary>
internal static partial class SqliteSchemaLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Upgrading the store {Path} from schema version {From} to {To}, once; on a large store this takes minutes, and a killed upgrade starts again from the last finished step")]
    public static partial void UpgradeStarting(ILogger logger, string path, int from, int to);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Store schema step {Version} of {To} done in {Elapsed}")]
    public static partial void StepDone(ILogger logger, int version, int to, TimeSpan elapsed);
}
