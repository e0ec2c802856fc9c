using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Storage.Elasticsearch;

/// <summary>
/// A document already encoded as JSON in the batch buffer. The client's bulk operations hand it to
/// the source serializer, whose converter copies the bytes as they are: documents are encoded once,
/// by <see cref="ContentDocuments"/>, and a resend writes the same bytes again without re-encoding.
/// </summary>
[JsonConverter(typeof(EncodedSourceConverter))]
internal sealed record EncodedSource(ReadOnlyMemory<byte> Json);

internal sealed class EncodedSourceConverter : JsonConverter<EncodedSource>
{
    public override EncodedSource Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Encoded sources are written, never read back.");

    // Written by our own Utf8JsonWriter a moment ago: validating it again would only cost time.
    public override void Write(Utf8JsonWriter writer, EncodedSource value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
}
