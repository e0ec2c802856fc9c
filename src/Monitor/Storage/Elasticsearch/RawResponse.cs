using System.Text;
using System.Text.Json;
using Elastic.Transport;

namespace Monitor.Storage.Elasticsearch;

/// <summary>One raw answer from the cluster, body read in full (answers here are small). Status null: no answer at all.</summary>
internal sealed record RawResponse(int? Status, byte[] Body, TimeSpan? RetryAfter, string? Failure)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public static RawResponse From(TransportResponse response, byte[] body) =>
        new(ElasticsearchRequests.StatusOf(response), body, ElasticsearchRequests.RetryAfterOf(response), response.ApiCallDetails.OriginalException is null ? null : ElasticsearchRequests.ErrorOf(response));

    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>"type: reason" from an Elasticsearch error body, or the raw text when it is not one.</summary>
    public string ErrorSummary()
    {
        if (Status is null)
        {
            return Failure ?? "no answer";
        }

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
