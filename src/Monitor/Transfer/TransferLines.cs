using System.Text.Json.Serialization;
using Monitor.Domain;

namespace Monitor.Transfer;

/// <summary>
/// One line of an ndjson transfer file. <c>type</c> says which record it is; an item line comes
/// before its observations and comments. Field names and order are the documented format.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ItemLine), "item")]
[JsonDerivedType(typeof(ObservationLine), "observation")]
[JsonDerivedType(typeof(CommentLine), "comment")]
public abstract record TransferLine;

/// <summary><c>{"type":"item","id","stationId","channelId","platform","kind","url","title","body","author","category","publishedAt","collectedAt","language"}</c>.</summary>
public sealed record ItemLine(
    string Id,
    string StationId,
    string ChannelId,
    string Platform,
    string Kind,
    string Url,
    string Title,
    string? Body,
    string? Author,
    string? Category,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CollectedAt,
    string Language) : TransferLine
{
    public static ItemLine From(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.StationId, item.ChannelId, item.Platform.ToWire(), item.Kind.ToString().ToLowerInvariant(), item.Url, item.Title,
            item.Body, item.Author, item.Category, item.PublishedAt, item.CollectedAt, item.Language);
    }

    /// <summary>The item, or null when its platform or kind is not one of the known words.</summary>
    public Item? ToItem() =>
        PlatformNames.TryParse(Platform, out var platform) && Enum.TryParse<ItemKind>(Kind, ignoreCase: true, out var kind) && !int.TryParse(Kind, out _)
            ? new Item(Id, StationId, ChannelId, platform, kind, Url, Title, Body, Author, Category, PublishedAt, CollectedAt, Language)
            : null;
}

/// <summary><c>{"type":"observation","itemId","observedAt","views","reactions","comments","shares"}</c>.</summary>
public sealed record ObservationLine(
    string ItemId,
    DateTimeOffset ObservedAt,
    long? Views,
    long? Reactions,
    long? Comments,
    long? Shares) : TransferLine
{
    public static ObservationLine From(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new(observation.ItemId, observation.ObservedAt, observation.Views, observation.Reactions, observation.Comments, observation.Shares);
    }

    /// <summary>The observation; its age is left to be worked out from the item's publish time, as the format carries none.</summary>
    public Observation ToObservation() => new(ItemId, ObservedAt, null, Views, Reactions, Comments, Shares);
}

/// <summary><c>{"type":"comment","id","itemId","platform","parentId","author","text","publishedAt","likes"}</c>.</summary>
public sealed record CommentLine(
    string Id,
    string ItemId,
    string Platform,
    string? ParentId,
    string? Author,
    string Text,
    DateTimeOffset? PublishedAt,
    long? Likes) : TransferLine
{
    public static CommentLine From(Comment comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return new(comment.Id, comment.ItemId, comment.Platform.ToWire(), comment.ParentId, comment.Author, comment.Text, comment.PublishedAt, comment.Likes);
    }

    /// <summary>The comment, or null when its platform is not one of the known words.</summary>
    public Comment? ToComment() =>
        PlatformNames.TryParse(Platform, out var platform) ? new Comment(Id, ItemId, platform, ParentId, Author, Text, PublishedAt, Likes) : null;
}
