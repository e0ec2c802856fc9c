namespace Monitor.Storage.Sqlite;

/// <summary>Where the SQLite store lives. <see cref="ReadOnly"/> opens it for reports without ever writing.</summary>
public sealed record SqliteStoreOptions(string Path, bool ReadOnly = false);
