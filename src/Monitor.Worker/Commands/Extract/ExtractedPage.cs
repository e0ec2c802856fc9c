using System.Globalization;
using System.Text.Json.Serialization;
using Monitor.Extraction;

namespace Monitor.Worker.Commands.Extract;

/// <summary>The JSON written per page by <c>extract</c>; the publish time keeps the offset the page used.</summary>
internal sealed record ExtractedPage(
    [property: JsonPropertyName("articleBody")] string ArticleBody,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("author")] string? Author,
    [property: JsonPropertyName("datePublished")] string? DatePublished,
    [property: JsonPropertyName("language")] string? Language,
    [property: JsonPropertyName("pageKind")] string PageKind)
{
    public static ExtractedPage From(ExtractionResult result)
    {
        var article = result.Article;
        return new ExtractedPage(
            article.Body ?? string.Empty,
            article.Title,
            article.Author,
            result.PublishedAsWritten?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            article.Language,
            article.PageKind.ToString().ToLowerInvariant());
    }
}
