using System.Text.RegularExpressions;

namespace Monitor.Domain;

/// <summary>
/// The form of a URL used to decide that two items point at the same article: https, lower-case
/// host without <c>www.</c>/<c>m.</c>, no fragment, no tracking parameters, no trailing slash.
/// </summary>
public static partial class StoryUrl
{
    private static readonly string[] TrackingPrefixes = ["utm_", "fbclid", "gclid", "zarsrc", "__tn__", "mibextid", "_refluxos", "ref"];

    public static string? Canonical(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim().TrimEnd('.', ',', ')', ';'), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.Host.ToLowerInvariant();
        host = host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host.StartsWith("m.", StringComparison.Ordinal) ? host[2..] : host;
        var query = string.Join('&', uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !TrackingPrefixes.Any(t => p.StartsWith(t, StringComparison.OrdinalIgnoreCase))));
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : string.Empty;
        return $"https://{host}{path}{(query.Length > 0 ? "?" + query : string.Empty)}";
    }

    /// <summary>
    /// The keys that join an item into a story: its own canonical URL and every link in its title
    /// and body. Two items sharing any key tell the same story.
    /// </summary>
    public static IReadOnlyList<string> KeysOf(string url, string? title, string? body)
    {
        var keys = new List<string>();
        if (Canonical(url) is { } own)
        {
            keys.Add(own);
        }

        keys.AddRange(LinksIn(body));
        keys.AddRange(LinksIn(title));
        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every http(s) link in a text, canonical.</summary>
    public static IEnumerable<string> LinksIn(string? text) =>
        text is null ? [] : LinkPattern().Matches(text).Select(m => Canonical(m.Value)).OfType<string>();

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();
}
