using System.Text.Json.Nodes;

namespace Monitor.Replay.Elasticsearch;

/// <summary>An Elasticsearch-shaped error: <c>{"error":{"root_cause":[…],"type","reason"},"status"}</c>.</summary>
internal sealed class StandInError(int status, string type, string reason) : Exception(reason)
{
    private readonly string reasonText = reason;

    public int Status => status;

    public string Type => type;

    public JsonObject ToItemError(string? index) => new() { ["type"] = type, ["reason"] = reasonText, ["index"] = index };

    public JsonObject ToBody()
    {
        var cause = new JsonObject { ["type"] = type, ["reason"] = reasonText };
        return new JsonObject
        {
            ["error"] = new JsonObject { ["root_cause"] = new JsonArray(cause), ["type"] = type, ["reason"] = reasonText },
            ["status"] = status,
        };
    }
}
