using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;

namespace Monitor.Transfer;

/// <summary>How many of each were written.</summary>
public sealed record ExportSummary(long Items, long Observations, long Comments);

/// <summary>
/// Writes a store's content out, streamed: items a page at a time (keyset on the id), each page's
/// observations and comments read by item id, so memory holds one page whatever the store's size
/// and no row is capped. ndjson puts each item line before its observations and comments; CSV is
/// one file per entity, UTF-8 with a byte-order mark so Excel reads Vietnamese correctly.
/// </summary>
public sealed class ContentExport(IContentAdmin store, int pageSize = 500)
{
    public const string ItemsFile = "items.csv";
    public const string ObservationsFile = "observations.csv";
    public const string CommentsFile = "comments.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<ExportSummary> WriteNdjsonAsync(ContentFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var summary = await ForEachPageAsync(filter, async page =>
        {
            foreach (var (item, observations, comments) in page)
            {
                await WriteLineAsync(writer, ItemLine.From(item));
                foreach (var observation in observations)
                {
                    await WriteLineAsync(writer, ObservationLine.From(observation));
                }

                foreach (var comment in comments)
                {
                    await WriteLineAsync(writer, CommentLine.From(comment));
                }
            }
        }, cancellationToken);
        await writer.FlushAsync(cancellationToken);
        return summary;
    }

    /// <summary>Writes <see cref="ItemsFile"/>, <see cref="ObservationsFile"/> and <see cref="CommentsFile"/> into <paramref name="folder"/>.</summary>
    public async Task<ExportSummary> WriteCsvAsync(ContentFilter filter, string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var options = new CsvWriterOptions { WriteByteOrderMark = true };
        await using var items = CsvWriter.ToFile(Path.Combine(folder, ItemsFile), options);
        await using var observations = CsvWriter.ToFile(Path.Combine(folder, ObservationsFile), options);
        await using var comments = CsvWriter.ToFile(Path.Combine(folder, CommentsFile), options);
        items.WriteHeader(["id", "stationId", "channelId", "platform", "kind", "url", "title", "body", "author", "category", "publishedAt", "collectedAt", "language"]);
        observations.WriteHeader(["itemId", "observedAt", "views", "reactions", "comments", "shares"]);
        comments.WriteHeader(["id", "itemId", "platform", "parentId", "author", "text", "publishedAt", "likes"]);
        var summary = await ForEachPageAsync(filter, async page =>
        {
            foreach (var (item, itemObservations, itemComments) in page)
            {
                var i = ItemLine.From(item);
                items.WriteRecord([i.Id, i.StationId, i.ChannelId, i.Platform, i.Kind, i.Url, i.Title, i.Body, i.Author, i.Category, Time(i.PublishedAt), Time(i.CollectedAt), i.Language]);
                foreach (var o in itemObservations)
                {
                    observations.WriteRecord([o.ItemId, Time(o.ObservedAt), Number(o.Views), Number(o.Reactions), Number(o.Comments), Number(o.Shares)]);
                }

                foreach (var c in itemComments)
                {
                    comments.WriteRecord([c.Id, c.ItemId, c.Platform.ToWire(), c.ParentId, c.Author, c.Text, Time(c.PublishedAt), Number(c.Likes)]);
                }
            }

            await items.FlushAsync(cancellationToken);
            await observations.FlushAsync(cancellationToken);
            await comments.FlushAsync(cancellationToken);
        }, cancellationToken);
        return summary;
    }

    private async Task<ExportSummary> ForEachPageAsync(
        ContentFilter filter,
        Func<IReadOnlyList<(Item Item, IReadOnlyList<Observation> Observations, IReadOnlyList<Comment> Comments)>, Task> write,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        long items = 0, observations = 0, comments = 0;
        string? after = null;
        while (true)
        {
            var page = await store.ReadItemPageAsync(filter, after, pageSize, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var ids = page.Select(i => i.Id).ToList();
            var pageObservations = (await store.ReadObservationsOfAsync(ids, cancellationToken)).ToLookup(o => o.ItemId, StringComparer.Ordinal);
            var pageComments = (await store.ReadCommentsOfAsync(ids, cancellationToken)).ToLookup(c => c.ItemId, StringComparer.Ordinal);
            var rows = page.Select(i => (i, (IReadOnlyList<Observation>)[.. pageObservations[i.Id]], (IReadOnlyList<Comment>)[.. pageComments[i.Id]])).ToList();
            await write(rows);
            items += page.Count;
            observations += rows.Sum(r => r.Item2.Count);
            comments += rows.Sum(r => r.Item3.Count);
            after = page[^1].Id;
            if (page.Count < pageSize)
            {
                break;
            }
        }

        return new ExportSummary(items, observations, comments);
    }

    private static Task WriteLineAsync(StreamWriter writer, TransferLine line) =>
        writer.WriteLineAsync(JsonSerializer.Serialize(line, TransferJson.Options));

    private static string? Time(DateTimeOffset? value) => value is { } v ? TransferJson.FormatTime(v) : null;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
