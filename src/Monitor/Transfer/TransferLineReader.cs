using System.Text.Json;

namespace Monitor.Transfer;

/// <summary>
/// The fast way through a well-formed line: one pass of a <see cref="Utf8JsonReader"/> over the exact
/// camelCase fields of its type, each present once. Anything else (another spelling, a field more or
/// less, a number in quotes, a null where a value is needed, broken JSON) gets no answer here and goes
/// to <see cref="JsonSerializer"/> under <see cref="TransferJson.Options"/>, which reads it the same way
/// or says what is wrong. A 220,000-line import spent a quarter of its reading thread in the serializer's
/// polymorphic path (the type may come anywhere in the object, so it buffered every object first).
/// </summary>
internal static class TransferLineReader
{
    private const int Id = 1 << 0, StationId = 1 << 1, ChannelId = 1 << 2, Platform = 1 << 3, Kind = 1 << 4, Url = 1 << 5,
        Title = 1 << 6, Body = 1 << 7, Author = 1 << 8, Category = 1 << 9, PublishedAt = 1 << 10, CollectedAt = 1 << 11,
        Language = 1 << 12, ItemId = 1 << 13, ObservedAt = 1 << 14, Views = 1 << 15, Reactions = 1 << 16, Comments = 1 << 17,
        Shares = 1 << 18, ParentId = 1 << 19, Text = 1 << 20, Likes = 1 << 21, Type = 1 << 22;

    private const int ItemFields = Type | Id | StationId | ChannelId | Platform | Kind | Url | Title | Body | Author | Category | PublishedAt | CollectedAt | Language;
    private const int ObservationFields = Type | ItemId | ObservedAt | Views | Reactions | Comments | Shares;
    private const int CommentFields = Type | Id | ItemId | Platform | ParentId | Author | Text | PublishedAt | Likes;

    /// <summary>The line, or null when it is not one this fast path reads (the serializer then decides).</summary>
    public static TransferLine? TryRead(ReadOnlySpan<byte> utf8Line)
    {
        try
        {
            return Read(utf8Line);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static TransferLine? Read(ReadOnlySpan<byte> utf8Line)
    {
        var reader = new Utf8JsonReader(utf8Line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var seen = 0;
        string? type = null, id = null, stationId = null, channelId = null, platform = null, kind = null, url = null, title = null, body = null,
            author = null, category = null, language = null, itemId = null, parentId = null, text = null;
        DateTimeOffset? publishedAt = null, collectedAt = null, observedAt = null;
        long? views = null, reactions = null, comments = null, shares = null, likes = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader);
            if (field == 0 || (seen & field) != 0 || !reader.Read())
            {
                return null;
            }

            seen |= field;
            switch (field)
            {
                case Type: type = String(ref reader); break;
                case Id: id = String(ref reader); break;
                case StationId: stationId = String(ref reader); break;
                case ChannelId: channelId = String(ref reader); break;
                case Platform: platform = String(ref reader); break;
                case Kind: kind = String(ref reader); break;
                case Url: url = String(ref reader); break;
                case Title: title = String(ref reader); break;
                case Body: body = String(ref reader); break;
                case Author: author = String(ref reader); break;
                case Category: category = String(ref reader); break;
                case Language: language = String(ref reader); break;
                case ItemId: itemId = String(ref reader); break;
                case ParentId: parentId = String(ref reader); break;
                case Text: text = String(ref reader); break;
                case PublishedAt: publishedAt = Time(ref reader); break;
                case CollectedAt: collectedAt = Time(ref reader); break;
                case ObservedAt: observedAt = Time(ref reader); break;
                case Views: views = Number(ref reader); break;
                case Reactions: reactions = Number(ref reader); break;
                case Comments: comments = Number(ref reader); break;
                case Shares: shares = Number(ref reader); break;
                default: likes = Number(ref reader); break;
            }
        }

        // The object must have ended, and nothing but white space may follow it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        return type switch
        {
            "item" when seen == ItemFields && id is not null && stationId is not null && channelId is not null && platform is not null
                && kind is not null && url is not null && title is not null && collectedAt is { } collected =>
                new ItemLine(id, stationId, channelId, platform, kind, url, title, body, author, category, publishedAt, collected, language),
            "observation" when seen == ObservationFields && itemId is not null && observedAt is { } observed =>
                new ObservationLine(itemId, observed, views, reactions, comments, shares),
            "comment" when seen == CommentFields && id is not null && itemId is not null && platform is not null && text is not null =>
                new CommentLine(id, itemId, platform, parentId, author, text, publishedAt, likes),
            _ => null,
        };
    }

    private static int Field(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return 0;
        }

        var name = reader.ValueSpan;
        return name switch
        {
            _ when name.SequenceEqual("type"u8) => Type,
            _ when name.SequenceEqual("id"u8) => Id,
            _ when name.SequenceEqual("itemId"u8) => ItemId,
            _ when name.SequenceEqual("stationId"u8) => StationId,
            _ when name.SequenceEqual("channelId"u8) => ChannelId,
            _ when name.SequenceEqual("platform"u8) => Platform,
            _ when name.SequenceEqual("kind"u8) => Kind,
            _ when name.SequenceEqual("url"u8) => Url,
            _ when name.SequenceEqual("title"u8) => Title,
            _ when name.SequenceEqual("body"u8) => Body,
            _ when name.SequenceEqual("author"u8) => Author,
            _ when name.SequenceEqual("category"u8) => Category,
            _ when name.SequenceEqual("publishedAt"u8) => PublishedAt,
            _ when name.SequenceEqual("collectedAt"u8) => CollectedAt,
            _ when name.SequenceEqual("language"u8) => Language,
            _ when name.SequenceEqual("observedAt"u8) => ObservedAt,
            _ when name.SequenceEqual("views"u8) => Views,
            _ when name.SequenceEqual("reactions"u8) => Reactions,
            _ when name.SequenceEqual("comments"u8) => Comments,
            _ when name.SequenceEqual("shares"u8) => Shares,
            _ when name.SequenceEqual("parentId"u8) => ParentId,
            _ when name.SequenceEqual("text"u8) => Text,
            _ when name.SequenceEqual("likes"u8) => Likes,
            _ => 0,
        };
    }

    // Each reader below throws InvalidOperationException for a token of another kind: the line then goes to the serializer.
    private static string? String(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new InvalidOperationException();

    private static DateTimeOffset? Time(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset().ToUniversalTime();

    private static long? Number(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : throw new InvalidOperationException();
}
