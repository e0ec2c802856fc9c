using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>One concrete index of the stand-in: its mapping (from templates) and its documents.</summary>
internal sealed class StandInIndex(string name, JsonObject properties, bool strict, string? dataStream)
{
    public string Name => name;

    public JsonObject Properties => properties;

    public bool Strict => strict;

    public string? DataStream => dataStream;

    public Dictionary<string, (JsonObject Source, long Version, long SeqNo)> Documents { get; } = new(StringComparer.Ordinal);
}
