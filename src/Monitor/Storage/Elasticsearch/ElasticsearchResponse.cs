using System.Text;
using System.Text.Json;

namespace Monitor.Storage.Elasticsearch;

/// <summary>One answer from the cluster, body read in full (answers here are small; bulk bodies are bounded by the batch).</summary>
internal sealed record ElasticsearchResponse(int Status, byte[] Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>"type: reason" from an Elasticsearch error body, or the raw text when it is not one.</summary>
    public string ErrorSummary()
    {
        try
        {
            using var document = Json();
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString() ?? string.Empty;
                }

                var type = error.TryGetProperty("type", out var t) ? t.GetString() : null;
                var reason = error.TryGetProperty("reason", out var r) ? r.GetString() : null;
                return $"{type}: {reason}";
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy page, an HTML error): fall through to the raw text.
        }

        var text = Encoding.UTF8.GetString(Body);
        return text.Length > 300 ? text[..300] : text;
    }
}
