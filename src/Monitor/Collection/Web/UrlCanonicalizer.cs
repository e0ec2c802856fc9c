using System.Text;

namespace Monitor.Collection.Web;

/// <summary>
/// The one form of a URL the monitor keys items by: lower-case scheme and host, no default port,
/// no fragment, no tracking parameters (utm_*, fbclid, gclid, zarsrc…), remaining query parameters
/// sorted. Two links to the same article, one from a campaign feed and one from the home page,
/// become the same string and so the same item id.
/// </summary>
public static class UrlCanonicalizer
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "zarsrc", "gidzl", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
    };

    public static string Canonicalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{url}' is not an absolute URL.", nameof(url));
        }

        var builder = new StringBuilder();
        builder.Append(url.Scheme.ToLowerInvariant()).Append("://").Append(url.IdnHost.ToLowerInvariant());
        if (!url.IsDefaultPort)
        {
            builder.Append(':').Append(url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.Append(url.AbsolutePath.Length == 0 ? "/" : url.AbsolutePath);
        var query = SortedQuery(url.Query);
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        return builder.ToString();
    }

    public static Uri CanonicalUri(Uri url) => new(Canonicalize(url));

    public static bool IsTrackingParameter(string name) =>
        TrackingParameters.Contains(name) || name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase);

    private static string SortedQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var pairs = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => (Name: pair.Split('=', 2)[0], Pair: pair))
            .Where(p => !IsTrackingParameter(Uri.UnescapeDataString(p.Name)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Pair, StringComparer.Ordinal)
            .Select(p => p.Pair);
        return string.Join('&', pairs);
    }
}
