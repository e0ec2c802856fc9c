using System.Text.Json;
using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Transfer;

/// <summary>
/// Imports an NDJSON transfer file through the pipeline's one save path (<see cref="ContentSaver"/>:
/// normaliser, enrichers, store), <see cref="BatchSize"/> items to a transaction. Each batch carries a
/// checkpoint (the byte offset and number of the first line not yet stored) that the store commits with
/// it, so an import killed at any moment continues from its last stored batch and stores nothing twice.
/// A bad line is recorded with its number and skipped; nothing else is lost.
/// </summary>
internal sealed class NdjsonImporter(ContentSaver saver, ICheckpointReader? checkpoints, TimeProvider clock)
{
    public const int DefaultBatchSize = 5000;

    /// <summary>Bad lines kept for the summary; beyond these only the count grows (a wrong file can have millions).</summary>
    public const int MaxBadLinesKept = 1000;

    private const string Complete = "complete";

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>
    /// The first batch's size; each next one doubles up to <see cref="BatchSize"/>. The first batch is read and
    /// enriched with nothing to overlap, and the last is written with nothing to overlap: starting small
    /// shortens the first wait (a second for 5,000 items), and the tail of a file ends in a smaller batch.
    /// </summary>
    public const int FirstBatchSize = 500;

    private ContentSaver Saver => saver;


    public async Task<ImportSummary> ImportAsync(
        string path,
        IReadOnlySet<string> knownStations,
        IReadOnlySet<string> knownChannels,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(knownStations);
        ArgumentNullException.ThrowIfNull(knownChannels);
        var started = clock.GetTimestamp();
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var key = CheckpointKey(path, file.Length);
        var (startOffset, startLine) = await ResumePointAsync(key, file.Length, cancellationToken);

        var run = new Run(this, key, knownStations, knownChannels, file.Length, progress);
        try
        {
            await foreach (var line in new NdjsonLines(file, startOffset, startLine).ReadAsync(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await run.AddAsync(line, cancellationToken);
            }

            // The last lines go in as a bulk batch like the others; then an empty batch, the one that is not
            // bulk, builds the summaries and scores the others deferred (so a kill between the two resumes at the end).
            await run.FlushAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file.Length} {run.NextLine(startLine)}"), cancellationToken);
            await run.FlushAsync(Complete, cancellationToken);
            await run.CompleteSaveAsync();
        }
        finally
        {
            await run.AbandonAsync();
        }

        return run.Summary(startLine, clock.GetElapsedTime(started));
    }

    /// <summary>The same file (path and size) continues where its last stored batch ended; a finished or unknown one starts at line 1.</summary>
    private async Task<(long Offset, long Line)> ResumePointAsync(string key, long length, CancellationToken cancellationToken)
    {
        var value = checkpoints is null ? null : await checkpoints.ReadCheckpointAsync(key, cancellationToken);
        var parts = value?.Split(' ');
        return parts is [var offsetText, var lineText]
            && long.TryParse(offsetText, System.Globalization.CultureInfo.InvariantCulture, out var offset)
            && long.TryParse(lineText, System.Globalization.CultureInfo.InvariantCulture, out var line)
            && offset >= 0 && offset <= length && line >= 1
            ? (offset, line)
            : (0, 1);
    }

    private static string CheckpointKey(string path, long length) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"import:{Path.GetFullPath(path)}:{length}");

    /// <summary>One run's batch under construction and its tallies.</summary>
    private sealed class Run(NdjsonImporter importer, string key, IReadOnlySet<string> knownStations, IReadOnlySet<string> knownChannels, long totalBytes, IProgress<ImportProgress>? progress)
    {
        private int batches;
        private readonly List<Item> items = [];
        private readonly List<Observation> observations = [];
        private readonly List<Comment> comments = [];
        private readonly List<BadLine> badLines = [];
        private readonly SortedSet<string> unknownStations = new(StringComparer.Ordinal);
        private readonly SortedSet<string> unknownChannels = new(StringComparer.Ordinal);

        // Publication times of the items of this batch and the one before, for the age of their observations.
        private Dictionary<string, DateTimeOffset?> published = new(StringComparer.Ordinal);
        private Dictionary<string, DateTimeOffset?> publishedBefore = new(StringComparer.Ordinal);
        private long linesRead, bytesRead, storedItems, newItems, storedObservations, storedComments, flags, badLineCount;
        private Task<SaveResult>? saving;
        private (long Items, long Observations, long Comments) savingCounts;

        public async Task AddAsync(NdjsonLine line, CancellationToken cancellationToken)
        {
            if (line.Bytes.Span.Trim(" \t"u8).IsEmpty)
            {
                Count(line);
                return;
            }

            TransferLine parsed;
            try
            {
                parsed = TransferJson.Read(line.Bytes.Span);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or NotSupportedException or ArgumentException)
            {
                Bad(line, "not a transfer line: " + Describe(exception));
                Count(line);
                return;
            }

            // Observations and comments of one item can be many; a batch is also cut when its rows pile up.
            var limit = Math.Min(importer.BatchSize, FirstBatchSize << Math.Min(batches, 10));
            if (parsed is ItemLine && (items.Count >= limit || observations.Count + comments.Count >= limit * 50))
            {
                // Everything before this line is in the batch: that is the point a resumed run starts from.
                await FlushAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{line.Start} {line.Number}"), cancellationToken);
            }

            try
            {
                switch (parsed)
                {
                    case ItemLine itemLine:
                        var item = itemLine.ToItem();
                        Remember(item);
                        items.Add(item);
                        break;
                    case ObservationLine observationLine:
                        observations.Add(observationLine.ToObservation(PublishedAt(observationLine.ItemId)));
                        break;
                    case CommentLine commentLine:
                        comments.Add(commentLine.ToComment());
                        break;
                    default:
                        Bad(line, "type must be item, observation or comment");
                        break;
                }
            }
            catch (FormatException exception)
            {
                Bad(line, exception.Message);
            }

            Count(line);
        }

        /// <summary>
        /// Enriches the batch on this thread, then hands it to the store on another once the previous
        /// batch is written: reading and enriching batch n+1 overlaps writing batch n, and batches
        /// (with their checkpoints) still reach the store one after another, in file order.
        /// </summary>
        public async Task FlushAsync(string checkpoint, CancellationToken cancellationToken)
        {
            var prepared = importer.Saver.Prepare(new ContentBatch([.. items], [.. observations], [.. comments], [], [])
            {
                Checkpoint = new BatchCheckpoint(key, checkpoint),

                // The last batch (checkpoint "complete") builds every summary and score the others deferred.
                Bulk = checkpoint != Complete,
            });
            var counts = (Items: (long)items.Count, Observations: (long)observations.Count, Comments: (long)comments.Count);
            batches++;
            items.Clear();
            observations.Clear();
            comments.Clear();
            (publishedBefore, published) = (published, publishedBefore);
            published.Clear();
            await CompleteSaveAsync();
            saving = Task.Run(() => importer.Saver.StoreAsync(prepared, cancellationToken), cancellationToken);
            savingCounts = counts;
        }

        /// <summary>Waits for the batch being written and counts it.</summary>
        public async Task CompleteSaveAsync()
        {
            if (saving is null)
            {
                return;
            }

            var result = await saving;
            saving = null;
            storedItems += savingCounts.Items;
            newItems += result.NewItems;
            storedObservations += savingCounts.Observations;
            storedComments += savingCounts.Comments;
            flags += result.Flags;
            progress?.Report(new ImportProgress(linesRead, bytesRead, totalBytes, storedItems, storedObservations, storedComments, badLineCount));
        }

        /// <summary>After a failure or a cancellation: the batch being written ends (stored or rolled back) before the run does.</summary>
        public async Task AbandonAsync()
        {
            if (saving is not null)
            {
                try
                {
                    await saving;
                }
                catch (Exception exception) when (exception is OperationCanceledException || saving.IsFaulted)
                {
                    // The failure that ended the run is already on its way up; this one adds nothing.
                }

                saving = null;
            }
        }

        /// <summary>The number of the line after the last one read.</summary>
        public long NextLine(long startLine) => startLine + linesRead;

        public ImportSummary Summary(long resumedAtLine, TimeSpan elapsed) => new(
            resumedAtLine, linesRead, storedItems, newItems, storedObservations, storedComments, flags, badLineCount,
            badLines, [.. unknownStations], [.. unknownChannels], elapsed);

        private void Remember(Item item)
        {
            published[item.Id] = item.PublishedAt;
            if (!knownStations.Contains(item.StationId))
            {
                unknownStations.Add(item.StationId);
            }

            if (!knownChannels.Contains(item.ChannelId))
            {
                unknownChannels.Add(item.ChannelId);
            }
        }

        private DateTimeOffset? PublishedAt(string? itemId) =>
            itemId is null ? null
            : published.TryGetValue(itemId, out var at) || publishedBefore.TryGetValue(itemId, out at) ? at
            : null;

        private void Count(NdjsonLine line)
        {
            linesRead++;
            bytesRead = line.End;
        }

        private void Bad(NdjsonLine line, string problem)
        {
            badLineCount++;
            if (badLines.Count < MaxBadLinesKept)
            {
                badLines.Add(new BadLine(line.Number, problem));
            }
        }

        private static string Describe(Exception exception) =>
            exception is JsonException { LineNumber: not null, BytePositionInLine: { } position }
                ? $"{exception.Message.Split(" Path:", 2)[0]} (byte {position + 1})"
                : exception.Message;
    }
}
