using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Transfer;

/// <summary>
/// The one JSON shape of the transfer lines (export writes it, import reads it, other tools write
/// it): camelCase, every field written (null where unknown), times ISO-8601 in UTC with a Z,
/// Vietnamese letters as themselves rather than \u escapes.
/// </summary>
public static class TransferJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // Other tools may put "type" anywhere in the object.
        AllowOutOfOrderMetadataProperties = true,
        // Quotes as \", letters as themselves: the file is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcTimeConverter() },
    };

    /// <summary>Writes <c>2026-11-01T07:30:00Z</c> (fractions of a second only when there are any); reads any ISO-8601 time and keeps it as UTC.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("A time must be a string."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTime(value));
    }
}
