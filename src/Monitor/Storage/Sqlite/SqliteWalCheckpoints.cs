using Microsoft.Extensions.Logging;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// Copies the WAL of an import's batches back into the store file on another thread, while the next
/// batch is written. Checkpointed by the writer at commit, the copy (and the file growing under it)
/// had been a fifth of a 1M-item import's saving thread, with the second core mostly idle.
/// Once a bulk commit leaves <paramref name="copyFrames"/> in the WAL (the size the writer's own
/// checkpoints kept it to), one PASSIVE checkpoint copies it on its own connection; it takes no lock a
/// writer or a reader waits for, and the batches go on meanwhile. SQLite writes the WAL from its start
/// again only when a transaction begins with every frame copied: so the first save after that copy
/// finishes copies the little written meanwhile itself, and then begins. A save that is not bulk
/// always waits for a running copy, so an import ends with none running and its last commit
/// checkpoints as every collection save does. A failed copy loses nothing (the frames stay in the WAL)
/// and is logged; the WAL then keeps growing until a copy succeeds, as it did with the writer's own.
/// </summary>
internal sealed class SqliteWalCheckpoints(SqliteStoreFile file, long copyFrames, ILogger? log)
{
    /// <summary>400 MB of 4 KB pages: the size the writer's automatic checkpoints had kept the WAL to during an import.</summary>
    public const long DefaultCopyFrames = 100_000;

    private readonly Lock gate = new();
    private Task? running;

    /// <summary>After a bulk commit: starts the copy when the WAL has grown to <c>copyFrames</c> and none is running.</summary>
    public void AfterBulkCommit()
    {
        lock (gate)
        {
            if (running is null && WalFrames() >= copyFrames)
            {
                running = Task.Run(CheckpointAsync);
            }
        }
    }

    /// <summary>
    /// Before a save: once the copy has finished (or, for a save that is not bulk, <paramref name="waitForCopy"/>, once it
    /// finishes), copies what was committed meanwhile, so this save's transaction begins with the WAL fully copied and
    /// SQLite writes it from the start again.
    /// </summary>
    public async Task SettleAsync(bool waitForCopy)
    {
        Task? current;
        lock (gate)
        {
            current = running;
        }

        // A copy that cannot keep up is waited for rather than let the WAL grow without end.
        if (current is null || (!current.IsCompleted && !waitForCopy && WalFrames() < 3 * copyFrames))
        {
            return;
        }

        await current;
        await CheckpointAsync();
        lock (gate)
        {
            running = null;
        }
    }

    private async Task CheckpointAsync()
    {
        try
        {
            await using var connection = await file.OpenAsync(CancellationToken.None, pooled: false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or StoreUnavailableException or IOException)
        {
            if (log is not null)
            {
                SqliteWalLog.CheckpointFailed(log, file.Path, exception.Message);
            }
        }
    }

    /// <summary>
    /// The frames in the WAL now: <c>mxFrame</c> of the WAL-index header, a native 32-bit number at byte 16 of the
    /// <c>-shm</c> file (https://www.sqlite.org/walformat.html). The connection API has no way to ask it short of a checkpoint.
    /// </summary>
    private long WalFrames()
    {
        try
        {
            using var shm = new FileStream(file.Path + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[20];
            return shm.Read(header) == header.Length ? BitConverter.ToUInt32(header[16..]) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>What the background copy of the WAL has to say: only that it failed (nothing is lost by that).</summary>
internal static partial class SqliteWalLog
{
    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Copying the write-ahead log of {Path} into the store failed ({Problem}); nothing is lost, the next batch's copy takes it up")]
    public static partial void CheckpointFailed(ILogger logger, string path, string problem);
}
