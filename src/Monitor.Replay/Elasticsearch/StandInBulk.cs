using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// <c>_bulk</c> as the official YAML tests describe it: a strict NDJSON body ending in a newline,
/// per-item results in request order, <c>errors:true</c> when any item failed, 409 for a
/// <c>create</c> of an existing id, <c>noop</c> for an update that changes nothing, only
/// <c>create</c> on data streams.
/// </summary>
internal static class StandInBulk
{
    private static readonly string[] Actions = ["index", "create", "update", "delete"];

    public static JsonObject Apply(StandInCluster cluster, byte[] body, string? defaultIndex, StandInFaults faults)
    {
        if (body.Length == 0)
        {
            throw new StandInError(400, "action_request_validation_exception", "Validation Failed: 1: no requests added;");
        }

        if (body[^1] != (byte)'\n')
        {
            throw new StandInError(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
        }

        var lines = Encoding.UTF8.GetString(body).Split('\n');
        // Parse everything first: a malformed body is refused whole, before anything is applied.
        var operations = new List<(string Action, JsonObject Meta, JsonObject? Source)>();
        var lineNumber = 0;
        while (lineNumber < lines.Length - 1)
        {
            var actionLine = lines[lineNumber++].TrimEnd('\r');
            if (actionLine.Length == 0)
            {
                continue;
            }

            var (action, meta) = ParseAction(actionLine, lineNumber);
            JsonObject? source = null;
            if (action != "delete")
            {
                if (lineNumber >= lines.Length - 1)
                {
                    throw new StandInError(400, "illegal_argument_exception", $"The bulk request must be terminated by a newline [\\n]");
                }

                source = ParseObject(lines[lineNumber++].TrimEnd('\r'), lineNumber);
            }

            operations.Add((action, meta, source));
        }

        var items = new JsonArray();
        var errors = false;
        var position = 0;
        foreach (var (action, meta, source) in operations)
        {
            var target = meta["_index"]?.GetValue<string>() ?? defaultIndex
                ?? throw new StandInError(400, "action_request_validation_exception", "Validation Failed: 1: index is missing;");
            var id = meta["_id"]?.GetValue<string>();
            var result = ApplyOne(cluster, action, meta, target, id, source, position++, faults);
            errors |= result["status"]!.GetValue<int>() >= 300;
            items.Add(new JsonObject { [action] = result });
        }

        return new JsonObject { ["errors"] = errors, ["took"] = 1, ["items"] = items };
    }

    private static JsonObject ApplyOne(StandInCluster cluster, string action, JsonObject meta, string target, string? id, JsonObject? source, int position, StandInFaults faults)
    {
        try
        {
            if (id is "")
            {
                throw new StandInError(400, "illegal_argument_exception", "if _id is specified it must not be empty");
            }

            id ??= Guid.NewGuid().ToString("N");
            if (faults.BulkItem?.Invoke(new BulkItemRequest(action, target, id, position)) is { } injected)
            {
                throw injected switch
                {
                    429 => new StandInError(429, "es_rejected_execution_exception", "rejected execution of coordinating operation [coordinating_and_primary_bytes=104857600]"),
                    400 => new StandInError(400, "document_parsing_exception", "[1:2] failed to parse field [views] of type [long] (injected)"),
                    _ => new StandInError(injected, "unavailable_shards_exception", "[mm][0] primary shard is not active Timeout: [1m] (injected)"),
                };
            }

            var requireAlias = meta["require_alias"]?.GetValue<bool>() ?? false;
            var index = cluster.WriteIndex(target, requireAlias);
            if (index.DataStream is not null && action != "create")
            {
                throw new StandInError(400, "illegal_argument_exception", $"only write ops with an op_type of create are allowed in data streams");
            }

            return action switch
            {
                "index" => Write(cluster, index, id, source!, created => created ? "created" : "updated"),
                "create" => Create(cluster, index, id, source!),
                "update" => Update(cluster, index, id, source!),
                _ => Delete(cluster, index, id),
            };
        }
        catch (StandInError error)
        {
            return new JsonObject { ["_index"] = target, ["_id"] = id, ["status"] = error.Status, ["error"] = error.ToItemError(target) };
        }
    }

    private static JsonObject Create(StandInCluster cluster, StandInIndex index, string id, JsonObject source)
    {
        if (index.Documents.TryGetValue(id, out var existing))
        {
            throw new StandInError(409, "version_conflict_engine_exception", $"[{id}]: version conflict, document already exists (current version [{existing.Version}])");
        }

        return Write(cluster, index, id, source, _ => "created");
    }

    private static JsonObject Update(StandInCluster cluster, StandInIndex index, string id, JsonObject body)
    {
        var doc = body["doc"] as JsonObject;
        if (!index.Documents.TryGetValue(id, out var existing))
        {
            var upsert = body["upsert"] as JsonObject ?? (body["doc_as_upsert"]?.GetValue<bool>() == true ? doc : null);
            return upsert is null
                ? throw new StandInError(404, "document_missing_exception", $"[{id}]: document missing")
                : Write(cluster, index, id, upsert, _ => "created");
        }

        var merged = existing.Source.DeepClone().AsObject();
        Merge(merged, doc ?? []);
        if (JsonNode.DeepEquals(merged, existing.Source))
        {
            return Result(index, id, existing.Version, existing.SeqNo, "noop", 200);
        }

        return Write(cluster, index, id, merged, _ => "updated");
    }

    private static JsonObject Delete(StandInCluster cluster, StandInIndex index, string id)
    {
        if (!index.Documents.Remove(id, out var existing))
        {
            return Result(index, id, 1, cluster.SeqNo, "not_found", 404);
        }

        return Result(index, id, existing.Version + 1, ++cluster.SeqNo, "deleted", 200);
    }

    private static JsonObject Write(StandInCluster cluster, StandInIndex index, string id, JsonObject source, Func<bool, string> resultOf)
    {
        MappingCheck.Validate(index, id, source);
        var created = !index.Documents.TryGetValue(id, out var existing);
        var version = created ? 1 : existing.Version + 1;
        var seqNo = ++cluster.SeqNo;
        index.Documents[id] = (source.DeepClone().AsObject(), version, seqNo);
        return Result(index, id, version, seqNo, resultOf(created), created ? 201 : 200);
    }

    private static JsonObject Result(StandInIndex index, string id, long version, long seqNo, string result, int status) => new()
    {
        ["_index"] = index.Name,
        ["_id"] = id,
        ["_version"] = version,
        ["result"] = result,
        ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
        ["_seq_no"] = seqNo,
        ["_primary_term"] = 1,
        ["status"] = status,
    };

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private static (string Action, JsonObject Meta) ParseAction(string line, int lineNumber)
    {
        var parsed = ParseObject(line, lineNumber);
        if (parsed.Count != 1)
        {
            throw new StandInError(400, "illegal_argument_exception", $"Malformed action/metadata line [{lineNumber}], expected FIELD_NAME but found [END_OBJECT]");
        }

        var (action, meta) = parsed.First();
        if (!Actions.Contains(action))
        {
            throw new StandInError(400, "illegal_argument_exception", $"Action/metadata line [{lineNumber}] contains an unknown parameter [{action}]");
        }

        return (action, meta as JsonObject ?? throw new StandInError(400, "illegal_argument_exception", $"Malformed action/metadata line [{lineNumber}], expected START_OBJECT"));
    }

    private static JsonObject ParseObject(string line, int lineNumber)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new StandInError(400, "illegal_argument_exception", $"Malformed line [{lineNumber}], expected an object");
        }
        catch (JsonException exception)
        {
            throw new StandInError(400, "x_content_parse_exception", $"[{lineNumber}:1] {exception.Message}");
        }
    }
}
