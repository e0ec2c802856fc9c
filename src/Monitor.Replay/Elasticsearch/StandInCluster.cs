using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>
/// The stand-in's cluster state: templates, indices, aliases and data streams, in memory.
/// Callers hold <see cref="Gate"/> while they read or change it.
/// </summary>
internal sealed class StandInCluster
{
    private static readonly HashSet<string> BuiltInAnalyzers = ["standard", "simple", "whitespace", "keyword", "stop", "english", "lowercase"];

    public Lock Gate { get; } = new();

    public Dictionary<string, JsonObject> ComponentTemplates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> IndexTemplates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonObject> LifecyclePolicies { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StandInIndex> Indices { get; } = new(StringComparer.Ordinal);

    /// <summary>Alias → (index, is write index).</summary>
    public Dictionary<string, List<(string Index, bool IsWrite)>> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Data stream → backing indices, oldest first; the last one takes writes.</summary>
    public Dictionary<string, List<string>> DataStreams { get; } = new(StringComparer.Ordinal);

    public long SeqNo { get; set; }

    public void PutComponentTemplate(string name, JsonObject body)
    {
        var template = body["template"] as JsonObject ?? throw new StandInError(400, "x_content_parse_exception", "[1:2] [component_template] failed to parse field [template]");

        // Like Elasticsearch: a component is validated alone, so an analyzer must be defined beside the mapping that uses it.
        var defined = new HashSet<string>(BuiltInAnalyzers);
        if (template["settings"]?["analysis"] is JsonObject analysis)
        {
            foreach (var group in new[] { "analyzer", "normalizer" })
            {
                if (analysis[group] is JsonObject named)
                {
                    defined.UnionWith(named.Select(p => p.Key));
                }
            }
        }

        foreach (var used in AnalyzersUsed(template["mappings"]?["properties"] as JsonObject))
        {
            if (!defined.Contains(used))
            {
                throw new StandInError(400, "mapper_parsing_exception", $"Failed to parse mapping: analyzer [{used}] has not been configured in mappings");
            }
        }

        ComponentTemplates[name] = body;
    }

    public void PutIndexTemplate(string name, JsonObject body)
    {
        var missing = (body["composed_of"] as JsonArray ?? [])
            .Select(n => n!.GetValue<string>())
            .Where(c => !ComponentTemplates.ContainsKey(c))
            .ToList();
        if (missing.Count > 0)
        {
            throw new StandInError(400, "invalid_index_template_exception", $"index_template [{name}] invalid, cause [index template [{name}] specifies component templates [{string.Join(", ", missing)}] that do not exist]");
        }

        if (body["index_patterns"] is not JsonArray)
        {
            throw new StandInError(400, "action_request_validation_exception", "Validation Failed: 1: index patterns are missing;");
        }

        IndexTemplates[name] = body;
    }

    public bool Exists(string name) => Indices.ContainsKey(name) || Aliases.ContainsKey(name) || DataStreams.ContainsKey(name);

    public StandInIndex CreateIndex(string name, JsonObject? body, string? dataStream = null)
    {
        if (Exists(name))
        {
            throw new StandInError(400, "resource_already_exists_exception", $"index [{name}/standin] already exists");
        }

        var template = MatchingTemplate(dataStream ?? name);
        if (dataStream is null && template?["data_stream"] is not null)
        {
            throw new StandInError(400, "illegal_argument_exception", $"cannot create index with name [{name}], because it matches with template [{template["name"]}] that creates data streams only, use create data stream api instead");
        }

        var (properties, strict) = MergedMappings(template);
        if (body?["mappings"]?["properties"] is JsonObject extra)
        {
            foreach (var (field, mapping) in extra)
            {
                properties[field] = mapping?.DeepClone();
            }
        }

        var index = new StandInIndex(name, properties, strict, dataStream);
        Indices[name] = index;
        if (body?["aliases"] is JsonObject aliases)
        {
            foreach (var (alias, settings) in aliases)
            {
                var isWrite = settings?["is_write_index"]?.GetValue<bool>() ?? false;
                if (!Aliases.TryGetValue(alias, out var members))
                {
                    Aliases[alias] = members = [];
                }

                members.Add((name, isWrite));
            }
        }

        return index;
    }

    public void CreateDataStream(string name)
    {
        if (Exists(name))
        {
            throw new StandInError(400, "resource_already_exists_exception", $"data_stream [{name}] already exists");
        }

        var template = MatchingTemplate(name);
        if (template?["data_stream"] is null)
        {
            throw new StandInError(400, "index_template_missing_exception", $"no matching index template found for data stream [{name}]");
        }

        var backing = $".ds-{name}-2026.01.01-000001";
        CreateIndex(backing, null, dataStream: name);
        DataStreams[name] = [backing];
    }

    /// <summary>Where a write to <paramref name="target"/> goes; creates the index or data stream the way auto-create would.</summary>
    public StandInIndex WriteIndex(string target, bool requireAlias)
    {
        if (Aliases.TryGetValue(target, out var members))
        {
            var write = members.FirstOrDefault(m => m.IsWrite).Index ?? (members.Count == 1 ? members[0].Index : null);
            return write is null
                ? throw new StandInError(400, "illegal_argument_exception", $"no write index is defined for alias [{target}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index")
                : Indices[write];
        }

        if (requireAlias)
        {
            throw new StandInError(404, "index_not_found_exception", $"no such index [{target}] and [require_alias] request flag is [true] and [{target}] is not an alias");
        }

        if (DataStreams.TryGetValue(target, out var backing))
        {
            return Indices[backing[^1]];
        }

        if (Indices.TryGetValue(target, out var index))
        {
            return index;
        }

        if (MatchingTemplate(target)?["data_stream"] is not null)
        {
            CreateDataStream(target);
            return Indices[DataStreams[target][^1]];
        }

        return CreateIndex(target, null);
    }

    /// <summary>The concrete indices a read of <paramref name="target"/> covers (comma lists and trailing <c>*</c> allowed).</summary>
    public List<StandInIndex> ReadIndices(string target)
    {
        var result = new List<StandInIndex>();
        foreach (var part in target.Split(','))
        {
            var names = part.EndsWith('*')
                ? Indices.Keys.Concat(Aliases.Keys).Concat(DataStreams.Keys).Where(n => n.StartsWith(part[..^1], StringComparison.Ordinal) && !n.StartsWith('.')).ToList()
                : [part];
            foreach (var name in names)
            {
                if (Aliases.TryGetValue(name, out var members))
                {
                    result.AddRange(members.Select(m => Indices[m.Index]));
                }
                else if (DataStreams.TryGetValue(name, out var backing))
                {
                    result.AddRange(backing.Select(b => Indices[b]));
                }
                else if (Indices.TryGetValue(name, out var index))
                {
                    result.Add(index);
                }
                else if (!part.EndsWith('*'))
                {
                    throw new StandInError(404, "index_not_found_exception", $"no such index [{name}]");
                }
            }
        }

        return [.. result.Distinct()];
    }

    public JsonObject? MatchingTemplate(string name)
    {
        JsonObject? best = null;
        var bestPriority = long.MinValue;
        foreach (var (templateName, template) in IndexTemplates)
        {
            var patterns = (template["index_patterns"] as JsonArray ?? []).Select(p => p!.GetValue<string>());
            if (!patterns.Any(p => Matches(p, name)))
            {
                continue;
            }

            var priority = template["priority"]?.GetValue<long>() ?? 0;
            if (priority > bestPriority)
            {
                best = template.DeepClone().AsObject();
                best["name"] = templateName;
                bestPriority = priority;
            }
        }

        return best;
    }

    private (JsonObject Properties, bool Strict) MergedMappings(JsonObject? template)
    {
        var properties = new JsonObject();
        var strict = false;
        if (template is null)
        {
            return (properties, strict);
        }

        var parts = (template["composed_of"] as JsonArray ?? []).Select(c => ComponentTemplates[c!.GetValue<string>()]["template"]).Append(template["template"]);
        foreach (var part in parts)
        {
            if (part?["mappings"] is not JsonObject mappings)
            {
                continue;
            }

            strict |= mappings["dynamic"]?.ToString() == "strict";
            foreach (var (field, mapping) in mappings["properties"] as JsonObject ?? [])
            {
                properties[field] = mapping?.DeepClone();
            }
        }

        return (properties, strict);
    }

    private static bool Matches(string pattern, string name) =>
        pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : name == pattern;

    private static IEnumerable<string> AnalyzersUsed(JsonObject? properties)
    {
        foreach (var (_, mapping) in properties ?? [])
        {
            if (mapping is not JsonObject field)
            {
                continue;
            }

            foreach (var key in new[] { "analyzer", "search_analyzer", "normalizer" })
            {
                if (field[key]?.GetValue<string>() is { } used)
                {
                    yield return used;
                }
            }

            foreach (var nested in AnalyzersUsed(field["fields"] as JsonObject).Concat(AnalyzersUsed(field["properties"] as JsonObject)))
            {
                yield return nested;
            }
        }
    }
}
