using Monitor.Domain;

namespace Monitor.Transfer;

/// <summary><c>{"type":"comment","id":…,"itemId":…,"platform":…,"parentId":null,"author":…,"text":…,"publishedAt":…,"likes":0}</c>: a public reply under an item.</summary>
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
        return new CommentLine(comment.Id, comment.ItemId, comment.Platform.ToWire(), comment.ParentId, comment.Author, comment.Text, comment.PublishedAt?.ToUniversalTime(), comment.Likes);
    }

    public Comment ToComment()
    {
        TransferJson.Require(Id, "id");
        TransferJson.Require(ItemId, "itemId");
        TransferJson.NotNegative(Likes, "likes");
        return new Comment(Id, ItemId, TransferJson.ParsePlatform(Platform), ParentId, Author, Text ?? string.Empty, PublishedAt, Likes);
    }
}
