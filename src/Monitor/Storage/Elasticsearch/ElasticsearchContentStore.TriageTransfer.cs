using System.Runtime.CompilerServices;
using Monitor.Domain;
using Monitor.Triage;

namespace Monitor.Storage.Elasticsearch;

/// <summary>Triage records in and out whole, for <c>migrate</c>; the flags themselves go into <c>mm-flags</c> too, so the flag feed is complete after a migration.</summary>
internal sealed partial class ElasticsearchContentStore : IFlagTriageTransfer
{
    public async IAsyncEnumerable<FlagDetail> ReadTriageAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var document in ReadAllAsync(ElasticsearchIndices.Triage, TriageDocuments.Read, cancellationToken))
        {
            yield return new FlagDetail(document.Flag, document.Snapshot, [.. document.Audit.Select(a => a.Entry)]);
        }
    }

    public async Task WriteTriageAsync(IReadOnlyList<FlagDetail> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var operations = new List<BulkOperation>();
        foreach (var (flag, snapshot, audit) in records)
        {
            var cluster = flag.StationId is null ? null : ClusterOf(flag.StationId);
            var document = new TriageDocument(flag, snapshot.ChannelId, cluster, snapshot, [.. audit.Select(a => (a, $"migrated-{a.Sequence}"))]);
            operations.Add(new BulkOperation(BulkAction.Index, ElasticsearchIndices.Triage, flag.Id, writer => TriageDocuments.Write(writer, document)) { RequireAlias = true });
            var context = snapshot is { StationId: { } station, ChannelId: { } channel, Platform: { } platform }
                ? new ItemContext(station, channel, platform, cluster, snapshot.Url ?? string.Empty, snapshot.Title ?? string.Empty, null)
                : null;
            var raised = new Flag(snapshot.TargetId, snapshot.TargetKind, snapshot.Source, snapshot.Severity, snapshot.Reason, snapshot.Score, snapshot.MatchedTerms, snapshot.RaisedAt);
            operations.Add(ContentDocuments.FlagCreate(raised, context));
        }

        await bulk.WriteAsync(operations, cancellationToken);
    }
}
