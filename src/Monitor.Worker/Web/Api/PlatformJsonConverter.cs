using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Domain;

namespace Monitor.Worker.Web.Api;

/// <summary>
/// Platforms in API answers by their wire names (web, youtube, facebook, tiktok, zalo), the names the
/// import format, exports and query strings use; the snake_case naming the other enums get would
/// split YouTube and TikTok into "you_tube" and "tik_tok".
/// </summary>
internal sealed class PlatformJsonConverter : JsonConverter<Platform>
{
    public override Platform Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PlatformNames.TryParse(reader.GetString(), out var platform) ? platform : throw new JsonException($"'{reader.GetString()}' is not a platform (web, youtube, facebook, tiktok, zalo).");

    public override void Write(Utf8JsonWriter writer, Platform value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToWire());
    }
}
