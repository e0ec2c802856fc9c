using System.Text.Json;
using Monitor.Pipeline;

namespace Monitor.Storage.Elasticsearch;

public sealed record MigrationProgress(string Phase, long Copied);

/// <summary>How far a migration got, saved after every acknowledged chunk.</summary>
public sealed record MigrationCheckpoint(string Phase, long Copied);

/// <summary>
/// Copies one store into another (SQLite → Elasticsearch) through the store interface: items, then
/// observations, then comments, then flags with their triage records, in chunks. A chunk counts as copied only after the target
/// acknowledged it, and the checkpoint file then records it, so a killed migration resumes where it
/// stopped. Resuming relies on the source reading in a stable order; if it did not, nothing would
/// duplicate anyway, because every id is deterministic and observations are written with create.
/// </summary>
public sealed class StoreMigration(IContentStore source, IContentStore target, string checkpointPath, int chunkSize = 500)
{
    private static readonly string[] Phases = ["items", "observations", "comments", "flags", "done"];

    public async Task<IReadOnlyDictionary<string, long>> RunAsync(IProgress<MigrationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var checkpoint = Load();
        var totals = new Dictionary<string, long>();
        var start = Array.IndexOf(Phases, checkpoint.Phase);
        for (var phase = start; phase < Phases.Length - 1; phase++)
        {
            var name = Phases[phase];
            var skip = phase == start ? checkpoint.Copied : 0;
            totals[name] = name switch
            {
                "items" => await CopyAsync(name, source.ReadItemsAsync(cancellationToken), skip, chunk => ContentBatch.Empty with { Items = chunk }, progress, cancellationToken),
                "observations" => await CopyAsync(name, source.ReadObservationsAsync(cancellationToken), skip, chunk => ContentBatch.Empty with { Observations = chunk }, progress, cancellationToken),
                "comments" => await CopyAsync(name, source.ReadCommentsAsync(cancellationToken), skip, chunk => ContentBatch.Empty with { Comments = chunk }, progress, cancellationToken),
                _ => await CopyTriageAsync(skip, progress, cancellationToken),
            };
            Save(new MigrationCheckpoint(Phases[phase + 1], 0));
        }

        return totals;
    }

    /// <summary>
    /// Flags with their triage state, evidence snapshot and audit trail, when both stores keep them
    /// (written by id, so a chunk repeated after a resume replaces itself).
    /// </summary>
    private async Task<long> CopyTriageAsync(long skip, IProgress<MigrationProgress>? progress, CancellationToken cancellationToken)
    {
        if (source is not IFlagTriageTransfer from || target is not IFlagTriageTransfer to)
        {
            return 0;
        }

        long seen = 0;
        var copied = skip;
        var chunk = new List<Triage.FlagDetail>(chunkSize);
        async Task FlushTriageAsync()
        {
            await to.WriteTriageAsync([.. chunk], cancellationToken);
            copied += chunk.Count;
            chunk.Clear();
            Save(new MigrationCheckpoint("flags", copied));
            progress?.Report(new MigrationProgress("flags", copied));
        }

        await foreach (var record in from.ReadTriageAsync(cancellationToken))
        {
            if (seen++ < skip)
            {
                continue;
            }

            chunk.Add(record);
            if (chunk.Count == chunkSize)
            {
                await FlushTriageAsync();
            }
        }

        if (chunk.Count > 0)
        {
            await FlushTriageAsync();
        }

        return copied;
    }

    private async Task<long> CopyAsync<T>(
        string phase,
        IAsyncEnumerable<T> records,
        long skip,
        Func<IReadOnlyList<T>, ContentBatch> batchOf,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        long seen = 0;
        var copied = skip;
        var chunk = new List<T>(chunkSize);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (seen++ < skip)
            {
                continue;
            }

            chunk.Add(record);
            if (chunk.Count == chunkSize)
            {
                copied = await FlushAsync(phase, chunk, copied, batchOf, progress, cancellationToken);
            }
        }

        if (chunk.Count > 0)
        {
            copied = await FlushAsync(phase, chunk, copied, batchOf, progress, cancellationToken);
        }

        return copied;
    }

    private async Task<long> FlushAsync<T>(string phase, List<T> chunk, long copied, Func<IReadOnlyList<T>, ContentBatch> batchOf, IProgress<MigrationProgress>? progress, CancellationToken cancellationToken)
    {
        await target.SaveAsync(batchOf([.. chunk]), cancellationToken);
        copied += chunk.Count;
        chunk.Clear();
        Save(new MigrationCheckpoint(phase, copied));
        progress?.Report(new MigrationProgress(phase, copied));
        return copied;
    }

    private MigrationCheckpoint Load()
    {
        if (!File.Exists(checkpointPath))
        {
            return new MigrationCheckpoint(Phases[0], 0);
        }

        var checkpoint = JsonSerializer.Deserialize<MigrationCheckpoint>(File.ReadAllText(checkpointPath));
        return checkpoint is not null && Phases.Contains(checkpoint.Phase)
            ? checkpoint
            : throw new InvalidDataException($"Checkpoint file {checkpointPath} is not a migration checkpoint; delete it to start over.");
    }

    private void Save(MigrationCheckpoint checkpoint)
    {
        // Write then rename: a kill mid-write leaves the previous checkpoint, never half a file.
        var folder = Path.GetDirectoryName(Path.GetFullPath(checkpointPath))!;
        Directory.CreateDirectory(folder);
        var temporary = checkpointPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(checkpoint));
        File.Move(temporary, checkpointPath, overwrite: true);
    }
}
