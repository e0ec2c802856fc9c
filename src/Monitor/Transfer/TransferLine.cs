using System.Text.Json.Serialization;

namespace Monitor.Transfer;

/// <summary>
/// One line of the NDJSON transfer format (<c>import</c>, <c>export --format ndjson</c>): a JSON object
/// whose <c>type</c> says what it holds. An item line comes before its observations and comments.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ItemLine), "item")]
[JsonDerivedType(typeof(ObservationLine), "observation")]
[JsonDerivedType(typeof(CommentLine), "comment")]
public abstract record TransferLine;
