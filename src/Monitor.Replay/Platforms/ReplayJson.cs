using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Monitor.Replay.Platforms;

internal static class ReplayJson
{
    public static IResult Send(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToJsonString(), "application/json; charset=UTF-8", Encoding.UTF8, status);

    /// <summary>A count as the platform sends it: a number, or a string when the fault (or YouTube) says so.</summary>
    public static JsonNode Count(long value, bool asString) =>
        asString ? JsonValue.Create(value.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(value);

    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string GraphTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);

    public static int Offset(string? token, string prefix) =>
        token is not null && token.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(token.AsSpan(prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
}
