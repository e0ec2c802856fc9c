using Monitor.Extraction.Metadata;

namespace Monitor.Extraction;

/// <summary>
/// Picks the headline: an &lt;h1&gt; that the page's metadata titles confirm, else the JSON-LD
/// headline, else OpenGraph or &lt;title&gt; with the site name cut off.
/// </summary>
internal static class TitleChooser
{
    private static readonly string[] Separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "];

    public static string? Choose(PageMetadata metadata)
    {
        var declared = new[] { metadata.JsonLdHeadline, metadata.OpenGraphTitle, metadata.DocumentTitle };
        foreach (var heading in metadata.Headings)
        {
            var key = Normalise(heading);
            if (key.Length < 3)
            {
                continue;
            }

            foreach (var title in declared)
            {
                if (title is not null && Normalise(title).Contains(key, StringComparison.Ordinal))
                {
                    return heading;
                }
            }
        }

        if (metadata.JsonLdHeadline is { } headline)
        {
            return headline;
        }

        var withoutSite = StripSiteName(metadata.OpenGraphTitle, metadata.OpenGraphSiteName)
            ?? StripSiteName(metadata.DocumentTitle, metadata.OpenGraphSiteName);
        if (withoutSite is not null)
        {
            return withoutSite;
        }

        return metadata.Headings.Count > 0 ? metadata.Headings[0] : null;
    }

    /// <summary>Cuts a "| Site name" part off a title, when the site is named or the part is short.</summary>
    public static string? StripSiteName(string? title, string? siteName)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        foreach (var separator in Separators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0)
            {
                var head = title[..at].Trim();
                var tail = title[(at + separator.Length)..].Trim();
                if ((siteName is not null && string.Equals(tail, siteName, StringComparison.OrdinalIgnoreCase)) || (WordCount(tail) <= 4 && head.Length >= tail.Length * 2))
                {
                    return head;
                }

                var first = title.IndexOf(separator, StringComparison.Ordinal);
                var lead = title[..first].Trim();
                if (siteName is not null && string.Equals(lead, siteName, StringComparison.OrdinalIgnoreCase))
                {
                    return title[(first + separator.Length)..].Trim();
                }
            }
        }

        return title;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Normalise(string text)
    {
        var chars = new List<char>(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars.Add(char.ToLowerInvariant(c));
            }
        }

        return new string([.. chars]);
    }
}
