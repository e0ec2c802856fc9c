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
        // Compared without their "| Site name" part: otherwise a branding <h1> ("Stanford Online") matches the
        // site name at the end of <title> and wins over the real headline below it.
        var declaredKeys = declared.Select(t => t is null ? null : Normalise(StripSiteName(t, metadata.OpenGraphSiteName)!)).ToArray();
        foreach (var heading in metadata.Headings)
        {
            var key = Normalise(heading);
            if (key.Length < 3)
            {
                continue;
            }

            for (var i = 0; i < declared.Length; i++)
            {
                if (declaredKeys[i] is { } title && title.Contains(key, StringComparison.Ordinal))
                {
                    return WithDeclaredCase(heading, declared, metadata.OpenGraphSiteName);
                }
            }
        }

        // Headlines are often reworded for search engines in metadata while the page shows its own <h1>:
        // take the <h1> sharing most words with the declared titles, or the only real <h1> there is.
        var bestOverlap = 0.0;
        string? bestHeading = null;
        var realHeadings = 0;
        foreach (var heading in metadata.Headings)
        {
            var words = Words(heading);
            if (words.Count < 2 || IsSiteName(heading, metadata.OpenGraphSiteName))
            {
                continue;
            }

            realHeadings++;
            foreach (var title in declared)
            {
                var overlap = title is null ? 0 : Overlap(words, Words(title));
                if (overlap > bestOverlap)
                {
                    bestOverlap = overlap;
                    bestHeading = heading;
                }
            }

            if (realHeadings == 1 && bestHeading is null)
            {
                bestHeading = heading;
            }
        }

        // A lone <h1> sharing no word with any declared title is the blog's or site's name, not the headline.
        var brandingOnly = bestOverlap == 0 && realHeadings == 1 && declared.Any(t => t is not null && Words(t).Count >= 2);
        if (bestHeading is not null && (bestOverlap >= MinOverlap || (realHeadings == 1 && !brandingOnly)))
        {
            return WithDeclaredCase(bestHeading, declared, metadata.OpenGraphSiteName);
        }

        if (metadata.JsonLdHeadline is { } headline)
        {
            // Some CMSs put the whole <title>, site name and all, in the JSON-LD headline.
            return StripSiteName(headline, metadata.OpenGraphSiteName);
        }

        var withoutSite = StripSiteName(metadata.OpenGraphTitle, metadata.OpenGraphSiteName)
            ?? StripSiteName(metadata.DocumentTitle, metadata.OpenGraphSiteName);
        if (withoutSite is not null)
        {
            return withoutSite;
        }

        return metadata.Headings.Count > 0 ? metadata.Headings[0] : null;
    }

    /// <summary>
    /// An &lt;h1&gt; typed in capitals ("TIPS FOR ONLINE SUCCESS") takes the casing of the declared title that says
    /// the same words; any other heading is kept as the page shows it.
    /// </summary>
    private static string WithDeclaredCase(string heading, string?[] declared, string? siteName)
    {
        if (!IsAllCapitals(heading))
        {
            return heading;
        }

        var key = Normalise(heading);
        foreach (var title in declared)
        {
            var stripped = StripSiteName(title, siteName);
            if (stripped is not null && !IsAllCapitals(stripped) && Normalise(stripped) == key)
            {
                return stripped;
            }
        }

        return heading;
    }

    private static bool IsAllCapitals(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (!char.IsUpper(c))
                {
                    return false;
                }
            }
        }

        return letters >= 3;
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
                if (NamesSite(tail, siteName) || (WordCount(tail) <= 4 && head.Length >= tail.Length * 2))
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

    /// <summary>The site's name, a shortened form of it ("Thrive Internet Marketing" for "… Agency"), or its domain.</summary>
    private static bool NamesSite(string part, string? siteName)
    {
        if (siteName is not null && part.Length * 2 >= siteName.Length && siteName.StartsWith(part, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return part.Length > 3 && !part.Contains(' ', StringComparison.Ordinal) && part.Contains('.', StringComparison.Ordinal)
            && char.IsLetterOrDigit(part[^1]) && part.LastIndexOf('.') < part.Length - 2;
    }

    private const double MinOverlap = 0.3;

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in text.Split([' ', '\u00a0', '-', '–', '—', ':', '|', ',', '.', '!', '?', '(', ')', '"', '\'', '’'], StringSplitOptions.RemoveEmptyEntries))
        {
            words.Add(word.ToLowerInvariant());
        }

        return words;
    }

    /// <summary>Share of the heading's words found in the title.</summary>
    private static double Overlap(HashSet<string> heading, HashSet<string> title)
    {
        if (heading.Count == 0)
        {
            return 0;
        }

        var common = 0;
        foreach (var word in heading)
        {
            if (title.Contains(word))
            {
                common++;
            }
        }

        return (double)common / heading.Count;
    }

    private static bool IsSiteName(string heading, string? siteName) =>
        siteName is not null && string.Equals(Normalise(heading), Normalise(siteName), StringComparison.Ordinal);

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
