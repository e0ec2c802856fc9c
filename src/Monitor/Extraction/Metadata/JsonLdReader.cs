using System.Text.Json;

namespace Monitor.Extraction.Metadata;

/// <summary>Reads article fields from JSON-LD blocks: plain objects, arrays and <c>@graph</c> containers.</summary>
internal static class JsonLdReader
{
    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "BlogPosting", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle", "Report",
        "SocialMediaPosting", "LiveBlogPosting", "Posting", "MedicalWebPage", "Recipe", "HowTo", "Review",
    };

    private static readonly HashSet<string> ListingTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "CollectionPage", "ItemList", "SearchResultsPage",
    };

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public sealed class Result
    {
        public string? Headline { get; set; }

        public string? Author { get; set; }

        public string? Published { get; set; }

        public string? PageDate { get; set; }

        public string? Section { get; set; }

        public string? Language { get; set; }

        public bool IsArticle { get; set; }

        public bool IsListing { get; set; }
    }

    /// <summary>Adds what one script block holds; a block that is not valid JSON is ignored.</summary>
    public static void Read(string json, Result result)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Trim().TrimEnd(';'), Options);
            Visit(document.RootElement, result, 0);
        }
        catch (JsonException)
        {
            // Broken JSON-LD is common (unescaped quotes, HTML inside); the other metadata still counts.
        }
    }

    private static void Visit(JsonElement element, Result result, int depth)
    {
        if (depth > 6)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Visit(item, result, depth + 1);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (element.TryGetProperty("@graph", out var graph))
        {
            Visit(graph, result, depth + 1);
        }

        var isArticle = HasType(element, ArticleTypes);
        if (HasType(element, ListingTypes))
        {
            result.IsListing = true;
        }

        if (isArticle)
        {
            result.IsArticle = true;
            result.Headline ??= Text(element, "headline") ?? Text(element, "name");
            result.Published ??= Text(element, "datePublished") ?? Text(element, "dateCreated");
            result.Author ??= AuthorName(element);
            result.Section ??= Text(element, "articleSection");
            result.Language ??= Text(element, "inLanguage");
        }
        else
        {
            // A WebPage's date is a weaker hint, used only when no article object gives one.
            result.PageDate ??= Text(element, "datePublished");
            result.Language ??= Text(element, "inLanguage");
        }

        if (element.TryGetProperty("mainEntity", out var main))
        {
            Visit(main, result, depth + 1);
        }
    }

    private static bool HasType(JsonElement element, HashSet<string> types)
    {
        if (!element.TryGetProperty("@type", out var type))
        {
            return false;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return types.Contains(type.GetString()!);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in type.EnumerateArray())
            {
                if (t.ValueKind == JsonValueKind.String && types.Contains(t.GetString()!))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? Text(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String => value[0].GetString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static string? AuthorName(JsonElement article)
    {
        if (!article.TryGetProperty("author", out var author))
        {
            return null;
        }

        var names = new List<string>();
        AddNames(author, names);
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static void AddNames(JsonElement author, List<string> names)
    {
        switch (author.ValueKind)
        {
            case JsonValueKind.String:
                AddName(author.GetString(), names);
                break;
            case JsonValueKind.Array:
                foreach (var item in author.EnumerateArray())
                {
                    AddNames(item, names);
                }

                break;
            case JsonValueKind.Object:
                AddName(Text(author, "name"), names);
                break;
        }
    }

    private static void AddName(string? name, List<string> names)
    {
        if (string.IsNullOrWhiteSpace(name) || name.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var trimmed = name.Trim();
        if (!names.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(trimmed);
        }
    }
}
