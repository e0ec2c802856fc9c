namespace Monitor.Storage.Sqlite;

/// <summary>Where the SQLite store lives. <see cref="ReadOnly"/> opens it for reports without ever writing.</summary>
public sealed record SqliteStoreOptions(string Path, bool ReadOnly = false)
{
    /// <summary>The WAL size (in pages) at which an import's batches have it copied into the file (<see cref="SqliteWalCheckpoints"/>); tests make it small.</summary>
    internal long WalCopyFrames { get; init; } = SqliteWalCheckpoints.DefaultCopyFrames;
}
