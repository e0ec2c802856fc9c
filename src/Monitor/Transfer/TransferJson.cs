using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Domain;

namespace Monitor.Transfer;

/// <summary>
/// The transfer format's JSON settings and field rules, shared by <c>import</c> and <c>export</c> so both
/// read and write the same lines: camelCase, nulls written, <c>type</c> anywhere in the object, Vietnamese
/// text left readable (not \u-escaped), a required field that is missing or null is an error.
/// </summary>
public static class TransferJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        Converters = { new UtcTimeConverter() },
    };

    /// <summary>One line of the file; throws <see cref="JsonException"/> or <see cref="FormatException"/> for a line that is not one.</summary>
    public static TransferLine Read(ReadOnlySpan<byte> utf8Line) =>
        TransferLineReader.TryRead(utf8Line)
        ?? JsonSerializer.Deserialize<TransferLine>(utf8Line, Options)
        ?? throw new FormatException("the line is null, not a JSON object");

    public static string Write(TransferLine line) => JsonSerializer.Serialize(line, Options);

    /// <summary><c>2026-11-01T07:30:00Z</c> (fractions of a second only when there are any), as the lines write times; CSV export uses it too.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string KindName(ItemKind kind) => kind.ToString().ToLowerInvariant();

    public static Platform ParsePlatform(string? text) =>
        text is not null && PlatformNames.TryParse(text, out var platform) && text.Trim() != "website"
            ? platform
            : throw new FormatException($"platform '{text}' is not one of web|youtube|facebook|tiktok|zalo");

    public static ItemKind ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "article" => ItemKind.Article,
        "video" => ItemKind.Video,
        "post" => ItemKind.Post,
        "clip" => ItemKind.Clip,
        _ => throw new FormatException($"kind '{text}' is not one of article|video|post|clip"),
    };

    internal static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FormatException($"required field '{field}' is missing or empty");
        }
    }

    internal static void NotNegative(long? value, string field)
    {
        if (value < 0)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{field}' must not be negative (was {value})"));
        }
    }
}

/// <summary>Times as ISO-8601 in UTC with a Z (<c>2026-11-20T03:00:00Z</c>); any ISO-8601 offset is read and turned into UTC.</summary>
internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(TransferJson.FormatTime(value));
    }
}
