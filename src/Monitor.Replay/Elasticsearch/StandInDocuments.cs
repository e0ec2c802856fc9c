using System.Globalization;
using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// The single-document get and index APIs (<c>GET</c> / <c>PUT {index}/_doc/{id}</c>) as the spec
/// describes them, with optimistic concurrency: <c>if_seq_no</c> and <c>if_primary_term</c> must
/// name the document's current sequence number and term (always 1 here), or the write answers 409.
/// </summary>
internal static class StandInDocuments
{
    public static (int Status, JsonNode Body) Get(StandInCluster cluster, string target, string id)
    {
        foreach (var index in cluster.ReadIndices(target))
        {
            if (index.Documents.TryGetValue(id, out var document))
            {
                return (200, new JsonObject
                {
                    ["_index"] = index.Name,
                    ["_id"] = id,
                    ["_version"] = document.Version,
                    ["_seq_no"] = document.SeqNo,
                    ["_primary_term"] = 1,
                    ["found"] = true,
                    ["_source"] = document.Source.DeepClone(),
                });
            }
        }

        return (404, new JsonObject { ["_index"] = target, ["_id"] = id, ["found"] = false });
    }

    public static (int Status, JsonNode Body) Index(StandInCluster cluster, string target, string id, JsonObject source, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var index = cluster.WriteIndex(target, requireAlias: false);
        if (index.DataStream is not null)
        {
            throw new StandInError(400, "illegal_argument_exception", "only write ops with an op_type of create are allowed in data streams");
        }

        var ifSeqNo = Parameter(query, "if_seq_no");
        var ifPrimaryTerm = Parameter(query, "if_primary_term");
        if ((ifSeqNo is null) != (ifPrimaryTerm is null))
        {
            throw new StandInError(400, "action_request_validation_exception", "Validation Failed: 1: ifSeqNo is set, but primary term is [0];");
        }

        var exists = index.Documents.TryGetValue(id, out var existing);
        if (ifSeqNo is { } seqNo && (!exists || existing.SeqNo != seqNo || ifPrimaryTerm != 1))
        {
            throw new StandInError(409, "version_conflict_engine_exception",
                exists
                    ? $"[{id}]: version conflict, required seqNo [{seqNo}], primary term [{ifPrimaryTerm}]. current document has seqNo [{existing.SeqNo}] and primary term [1]"
                    : $"[{id}]: version conflict, required seqNo [{seqNo}], primary term [{ifPrimaryTerm}] but no document was found");
        }

        MappingCheck.Validate(index, id, source);
        var version = exists ? existing.Version + 1 : 1;
        var newSeqNo = ++cluster.SeqNo;
        index.Documents[id] = (source.DeepClone().AsObject(), version, newSeqNo);
        return (exists ? 200 : 201, new JsonObject
        {
            ["_index"] = index.Name,
            ["_id"] = id,
            ["_version"] = version,
            ["result"] = exists ? "updated" : "created",
            ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
            ["_seq_no"] = newSeqNo,
            ["_primary_term"] = 1,
        });
    }

    private static long? Parameter(IReadOnlyList<KeyValuePair<string, string>> query, string name) =>
        query.FirstOrDefault(q => q.Key == name).Value is { } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new StandInError(400, "illegal_argument_exception", $"Failed to parse value [{text}] for parameter [{name}]")
            : null;
}
