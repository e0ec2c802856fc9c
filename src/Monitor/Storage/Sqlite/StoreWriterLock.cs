using System.Globalization;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// One writing process per store file, held for the process's life: two <c>run</c> or <c>demo</c>
/// processes on one file both collected and re-observed everything, writing duplicate observations.
/// The lock is an OS record lock on <c>&lt;store&gt;.lock</c>, so the kernel drops it when the holder
/// dies, even by SIGKILL; the file itself stays and names the last holder for the message.
/// </summary>
public sealed class StoreWriterLock : IDisposable
{
    private readonly FileStream file;

    private StoreWriterLock(FileStream file)
    {
        this.file = file;
    }

    /// <summary>
    /// Takes the lock for <paramref name="storePath"/> or throws <see cref="StoreUnavailableException"/>
    /// naming the process that holds it; <paramref name="command"/> is what this process is (run, demo, …).
    /// </summary>
    public static StoreWriterLock Acquire(string storePath, string command, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storePath);
        var full = Path.GetFullPath(storePath);
        var lockPath = full + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        FileStream stream;
        try
        {
            // Shared open: readers of the holder's line must get in; exclusion comes from the record lock.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"Cannot create the lock file '{lockPath}' beside the store: {exception.Message} Make the folder writable or pass --db with another path.", exception);
        }

        try
        {
            // .NET has no record locks on macOS; there a second writer is not stopped (servers run Linux).
            if (!OperatingSystem.IsMacOS())
            {
                stream.Lock(0, 1);
            }
        }
        catch (IOException exception)
        {
            var holder = ReadHolder(stream);
            stream.Dispose();
            throw new StoreUnavailableException(
                $"Another monitor process{holder} is already writing to the store '{full}'. Two writers would collect and observe everything twice. " +
                "Wait for it to finish or stop it, or pass --db with another store file.",
                exception);
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var line = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {command} {now:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
        stream.Flush();
        return new StoreWriterLock(stream);
    }

    public void Dispose() => file.Dispose();

    /// <summary>" (pid 1234, `demo`, since …)" from the holder's line, or nothing when it cannot be read.</summary>
    private static string ReadHolder(FileStream stream)
    {
        try
        {
            stream.Position = 0;
            using var reader = new StreamReader(stream, leaveOpen: true);
            var parts = (reader.ReadLine() ?? string.Empty).Split(' ', 3);
            return parts.Length == 3 ? $" (pid {parts[0]}, `{parts[1]}`, since {parts[2]})" : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
