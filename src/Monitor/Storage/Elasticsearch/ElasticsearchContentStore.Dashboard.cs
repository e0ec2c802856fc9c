using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Domain;
using Monitor.Storage.Queries;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// The dashboard's queries over <c>mm-summaries</c> (a date_histogram by local day, search_after
/// pages, terms aggregations) and one item's labels and flags, as the SQLite store answers them.
/// </summary>
internal sealed partial class ElasticsearchContentStore
{
    public async Task<IReadOnlyList<DailyTotals>> GetDailyTotalsAsync(ContentFilter filter, TimeSpan utcOffset, CancellationToken cancellationToken = default)
    {
        var zone = (utcOffset < TimeSpan.Zero ? "-" : "+") + utcOffset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        JsonObject Sum(string field) => new() { ["sum"] = new JsonObject { ["field"] = field } };
        var body = new JsonObject
        {
            ["size"] = 0,
            ["query"] = SummaryFilter(filter),
            ["aggs"] = new JsonObject
            {
                ["stations"] = new JsonObject
                {
                    ["terms"] = new JsonObject { ["field"] = "station_id", ["size"] = ResultWindow },
                    ["aggs"] = new JsonObject
                    {
                        ["platforms"] = new JsonObject
                        {
                            ["terms"] = new JsonObject { ["field"] = "platform", ["size"] = 20 },
                            ["aggs"] = new JsonObject
                            {
                                ["days"] = new JsonObject
                                {
                                    ["date_histogram"] = new JsonObject
                                    {
                                        ["field"] = "at",
                                        ["calendar_interval"] = "day",
                                        ["time_zone"] = zone,
                                        ["format"] = "yyyy-MM-dd",
                                        ["min_doc_count"] = 1,
                                    },
                                    ["aggs"] = new JsonObject
                                    {
                                        ["engagement"] = Sum("engagement"),
                                        ["views"] = Sum("views"),
                                        ["comments"] = Sum("comments"),
                                        ["flagged"] = Sum("flagged"),
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };
        var rows = new List<DailyTotals>();
        using var document = await AggregateAsync(body, cancellationToken);
        foreach (var station in Buckets(document.RootElement.GetProperty("aggregations"), "stations"))
        {
            foreach (var platform in Buckets(station, "platforms"))
            {
                foreach (var day in Buckets(platform, "days"))
                {
                    long Value(string name) => (long)day.GetProperty(name).GetProperty("value").GetDouble();
                    rows.Add(new DailyTotals(
                        station.GetProperty("key").GetString()!,
                        PlatformOf(platform.GetProperty("key").GetString()),
                        DateOnly.ParseExact(day.GetProperty("key_as_string").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        day.GetProperty("doc_count").GetInt32(),
                        Value("engagement"),
                        Value("views"),
                        Value("comments"),
                        Value("flagged")));
                }
            }
        }

        return [.. rows.OrderBy(r => r.Day).ThenBy(r => r.StationId, StringComparer.Ordinal).ThenBy(r => r.Platform.ToWire(), StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<ItemSummary>> GetLatestItemsAsync(ContentFilter filter, ItemCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        var body = new JsonObject
        {
            ["size"] = Math.Min(limit, ResultWindow),
            ["query"] = SummaryFilter(filter),
            ["sort"] = new JsonArray(new JsonObject { ["at"] = "desc" }, new JsonObject { ["id"] = "desc" }),
        };
        if (after is not null)
        {
            body["search_after"] = new JsonArray(after.At.ToUnixTimeMilliseconds(), after.Id);
        }

        return [.. (await SearchSourcesAsync(ElasticsearchIndices.Summaries, body, cancellationToken)).Select(s => SummaryDocument.Read(s).ToItemSummary())];
    }

    /// <summary>
    /// The comment count is summed from the summaries; the negative and toxic ones are read per page of
    /// the filter's commented items (assessments carry no item id to aggregate on), so this one follows
    /// the number of comments in the filter.
    /// </summary>
    public async Task<CommentMood> GetCommentMoodAsync(ContentFilter filter, CancellationToken cancellationToken = default)
    {
        long comments = 0, negative = 0, toxic = 0;
        var commented = new List<string>();
        var query = SummaryFilter(filter, new JsonObject { ["range"] = new JsonObject { ["comments"] = new JsonObject { ["gt"] = 0 } } });
        await foreach (var source in SearchAllAsync(ElasticsearchIndices.Summaries, query, cancellationToken))
        {
            commented.Add(source.GetProperty("id").GetString()!);
            comments += source.GetProperty("comments").GetInt64();
        }

        foreach (var items in commented.Chunk(MgetChunk))
        {
            var commentIds = new List<string>();
            await foreach (var source in SearchAllAsync(ElasticsearchIndices.Comments, Terms("item_id", items), cancellationToken))
            {
                commentIds.Add(source.GetProperty("id").GetString()!);
            }

            foreach (var chunk in commentIds.Chunk(MgetChunk))
            {
                var labels = new JsonObject { ["bool"] = new JsonObject { ["filter"] = new JsonArray(Terms("target_id", chunk), Terms("task", ["sentiment", "toxicity"])) } };
                var negativeTargets = new HashSet<string>(StringComparer.Ordinal);
                var toxicTargets = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var source in SearchAllAsync(ElasticsearchIndices.Assessments, labels, cancellationToken))
                {
                    var label = source.GetProperty("label").GetString()!.ToLowerInvariant();
                    var target = source.GetProperty("target_id").GetString()!;
                    _ = source.GetProperty("task").GetString() switch
                    {
                        "sentiment" when label == "negative" => negativeTargets.Add(target),
                        "toxicity" when label is "offensive" or "hate" => toxicTargets.Add(target),
                        _ => false,
                    };
                }

                negative += negativeTargets.Count;
                toxic += toxicTargets.Count;
            }
        }

        return new CommentMood(comments, negative, toxic);
    }

    public async Task<IReadOnlyList<ChannelActivity>> GetChannelActivityAsync(ContentFilter filter, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["size"] = 0,
            ["query"] = SummaryFilter(filter),
            ["aggs"] = new JsonObject
            {
                ["channels"] = new JsonObject
                {
                    ["terms"] = new JsonObject { ["field"] = "channel_id", ["size"] = ResultWindow },
                    ["aggs"] = new JsonObject
                    {
                        ["platforms"] = new JsonObject
                        {
                            ["terms"] = new JsonObject { ["field"] = "platform", ["size"] = 20 },
                            ["aggs"] = new JsonObject { ["last"] = new JsonObject { ["max"] = new JsonObject { ["field"] = "collected_at" } } },
                        },
                    },
                },
            },
        };
        var rows = new List<ChannelActivity>();
        using var document = await AggregateAsync(body, cancellationToken);
        foreach (var channel in Buckets(document.RootElement.GetProperty("aggregations"), "channels"))
        {
            foreach (var platform in Buckets(channel, "platforms"))
            {
                rows.Add(new ChannelActivity(
                    channel.GetProperty("key").GetString()!,
                    PlatformOf(platform.GetProperty("key").GetString()),
                    platform.GetProperty("doc_count").GetInt32(),
                    DateTimeOffset.FromUnixTimeMilliseconds((long)platform.GetProperty("last").GetProperty("value").GetDouble())));
            }
        }

        return [.. rows.OrderBy(r => r.ChannelId, StringComparer.Ordinal).ThenBy(r => r.Platform.ToWire(), StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<Assessment>> GetAssessmentsAsync(IReadOnlyCollection<string> targetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targetIds);
        var assessments = new List<Assessment>();
        foreach (var chunk in targetIds.Distinct(StringComparer.Ordinal).Chunk(MgetChunk))
        {
            await foreach (var s in SearchAllAsync(ElasticsearchIndices.Assessments, Terms("target_id", chunk), cancellationToken))
            {
                assessments.Add(new Assessment(
                    s.GetProperty("target_id").GetString()!,
                    TargetKindNames.FromWire(s.GetProperty("target_kind").GetString()),
                    s.GetProperty("task").GetString()!,
                    s.GetProperty("label").GetString()!,
                    s.GetProperty("probability").GetDouble(),
                    s.GetProperty("model_version").GetString()!));
            }
        }

        return [.. assessments
            .OrderBy(a => a.TargetId, StringComparer.Ordinal)
            .ThenBy(a => a.Task, StringComparer.Ordinal)
            .ThenBy(a => a.ModelVersion, StringComparer.Ordinal)];
    }

    /// <remarks>
    /// Flags live in a data stream keyed by text ids; <see cref="StoredFlag.Id"/> is a stable number
    /// taken from that id (its SHA-256), so it never changes between reads but is not a row counter.
    /// </remarks>
    public async Task<IReadOnlyList<StoredFlag>> GetFlagsOfItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        var item = (await SourcesAsync(ElasticsearchIndices.Summaries, [itemId], cancellationToken)).Select(SummaryDocument.Read).SingleOrDefault();
        if (item is null)
        {
            return [];
        }

        var targets = new List<string> { itemId };
        await foreach (var source in SearchAllAsync(ElasticsearchIndices.Comments, TermNode("item_id", itemId), cancellationToken))
        {
            targets.Add(source.GetProperty("id").GetString()!);
        }

        var flags = new List<(string Id, Flag Flag)>();
        foreach (var chunk in targets.Chunk(MgetChunk))
        {
            await foreach (var s in SearchAllAsync(ElasticsearchIndices.Flags, Terms("target_id", chunk), cancellationToken))
            {
                flags.Add((s.GetProperty("id").GetString()!, new Flag(
                    s.GetProperty("target_id").GetString()!,
                    TargetKindNames.FromWire(s.GetProperty("target_kind").GetString()),
                    s.GetProperty("source").GetString()!,
                    s.GetProperty("severity").GetString()!,
                    s.GetProperty("reason").GetString()!,
                    s.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null,
                    s.TryGetProperty("evidence", out var evidence) ? [.. evidence.EnumerateArray().Select(e => e.GetString()!)] : [],
                    s.GetProperty("@timestamp").GetDateTimeOffset())));
            }
        }

        return [.. flags
            .OrderByDescending(f => f.Flag.RaisedAt)
            .ThenByDescending(f => f.Id, StringComparer.Ordinal)
            .Select(f => new StoredFlag(StableNumber(f.Id), itemId, item.StationId, f.Flag))];
    }

    private static long StableNumber(string id) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 8)) & long.MaxValue;
}
