using System.Globalization;
using System.Text;

namespace Monitor.Collection.Web;

/// <summary>
/// A parsed robots.txt (RFC 9309). Groups naming our product token are merged and used; otherwise
/// the <c>*</c> groups; otherwise nothing is restricted. Among matching rules the longest pattern
/// wins and an allow beats a disallow of the same length; <c>*</c> matches any run of characters and
/// a trailing <c>$</c> anchors the end. <c>/robots.txt</c> itself is always allowed.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>RFC 9309 asks crawlers to parse at least 500 KiB; anything after is ignored.</summary>
    public const int MaxParsedBytes = 500 * 1024;

    // §2.2: lines end with CR, LF or CR LF.
    private static readonly string[] LineEnds = ["\r\n", "\n", "\r"];

    private static readonly HashSet<string> KnownKeys = new(["user-agent", "allow", "disallow", "sitemap", "crawl-delay"], StringComparer.Ordinal);

    private readonly List<Group> _groups;

    private RobotsTxt(List<Group> groups, IReadOnlyList<Uri> sitemaps)
    {
        _groups = groups;
        Sitemaps = sitemaps;
    }

    /// <summary>Nothing restricted (robots.txt missing: a 4xx answer).</summary>
    public static RobotsTxt AllowAll { get; } = new([], []);

    /// <summary>Everything restricted (robots.txt unreachable: a 5xx answer or no answer).</summary>
    public static RobotsTxt DisallowAll { get; } = new([new Group(["*"], [new Rule("/", Allow: false)], null)], []);

    public IReadOnlyList<Uri> Sitemaps { get; }

    public static RobotsTxt Parse(string content, Uri? robotsUrl = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Encoding.UTF8.GetByteCount(content) > MaxParsedBytes)
        {
            content = content[..Math.Min(content.Length, MaxParsedBytes)];
        }

        var groups = new List<Group>();
        var sitemaps = new List<Uri>();
        Group? current = null;

        // §2.1: a run of user-agent lines opens a group and only a rule (allow/disallow) ends the run;
        // any other record — sitemap, crawl-delay, an unknown key — belongs to no group and splits nothing.
        var inAgentRun = false;
        foreach (var rawLine in content.TrimStart('\uFEFF').Split(LineEnds, StringSplitOptions.None))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            if (SplitRecord(line) is not var (key, value))
            {
                continue;
            }

            switch (key)
            {
                case "user-agent":
                    if (current is null || !inAgentRun)
                    {
                        current = new Group([], [], null);
                        groups.Add(current);
                    }

                    current.Agents.Add(value);
                    inAgentRun = true;
                    break;
                case "allow" or "disallow":
                    // An empty disallow means "nothing disallowed": it adds no rule.
                    if (current is not null && value.Length > 0)
                    {
                        current.Rules.Add(new Rule(NormalisePattern(value), key == "allow"));
                    }

                    inAgentRun = false;
                    break;
                case "crawl-delay":
                    if (current is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    {
                        current.CrawlDelay = TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
                    }

                    break;
                case "sitemap":
                    // Sitemap records sit outside the groups and are absolute; a relative one is resolved if we can.
                    // ("/sitemap.xml" parses as an absolute file: URI on Unix, hence the scheme check.)
                    if ((Uri.TryCreate(value, UriKind.Absolute, out var sitemap) && sitemap.Scheme is "http" or "https")
                        || (robotsUrl is not null && Uri.TryCreate(robotsUrl, value, out sitemap)))
                    {
                        sitemaps.Add(sitemap);
                    }

                    break;
            }
        }

        return new RobotsTxt(groups, sitemaps);
    }

    /// <summary>
    /// A line as (lower-case key, trimmed value). The grammar of §2.2 wants "key: value"; a line that
    /// leaves the colon out ("disallow /private") still says plainly what the owner means, so a known
    /// key followed by white space is read the same way — when in doubt, obey. Unknown keys without a
    /// colon are noise and give nothing.
    /// </summary>
    private static (string Key, string Value)? SplitRecord(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            return (line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim());
        }

        var trimmed = line.Trim();
        var space = trimmed.IndexOfAny([' ', '\t']);
        if (space <= 0)
        {
            return null;
        }

        var key = trimmed[..space].ToLowerInvariant();
        return KnownKeys.Contains(key) ? (key, trimmed[(space + 1)..].Trim()) : null;
    }

    /// <summary>The product token of a User-Agent string: "MediaMonitorBot/1.0 (+https://…)" → "MediaMonitorBot".</summary>
    public static string ProductToken(string userAgent)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        var end = userAgent.IndexOfAny(['/', ' ', ';', '(']);
        return (end < 0 ? userAgent : userAgent[..end]).Trim();
    }

    public bool IsAllowed(string productToken, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return IsAllowed(productToken, url.PathAndQuery);
    }

    public bool IsAllowed(string productToken, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var path = NormalisePath(pathAndQuery.Length == 0 ? "/" : pathAndQuery);
        if (path == "/robots.txt")
        {
            return true;
        }

        Rule? best = null;
        foreach (var rule in RulesFor(productToken))
        {
            if (!Matches(rule.Pattern, path))
            {
                continue;
            }

            if (best is null
                || rule.Pattern.Length > best.Pattern.Length
                || (rule.Pattern.Length == best.Pattern.Length && rule.Allow && !best.Allow))
            {
                best = rule;
            }
        }

        return best?.Allow ?? true;
    }

    /// <summary>The crawl-delay of the group that applies to us, if it gave one.</summary>
    public TimeSpan? CrawlDelay(string productToken) =>
        GroupsFor(productToken).Select(g => g.CrawlDelay).FirstOrDefault(d => d is not null);

    private IEnumerable<Rule> RulesFor(string productToken) => GroupsFor(productToken).SelectMany(g => g.Rules);

    private List<Group> GroupsFor(string productToken)
    {
        var named = _groups.Where(g => g.Agents.Any(a => string.Equals(ProductToken(a), productToken, StringComparison.OrdinalIgnoreCase))).ToList();
        return named.Count > 0 ? named : [.. _groups.Where(g => g.Agents.Contains("*"))];
    }

    /// <summary>Pattern match with <c>*</c> as any run and a final <c>$</c> as end of path.</summary>
    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        var parts = body.Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal))
        {
            return false;
        }

        var position = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == parts.Length - 1 && anchored)
            {
                // The last piece must sit at the very end.
                return path.Length - part.Length >= position && path.EndsWith(part, StringComparison.Ordinal);
            }

            var found = path.IndexOf(part, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + part.Length;
        }

        return !anchored || position == path.Length;
    }

    /// <summary>Patterns and paths are compared in one percent-encoded form: UTF-8 octets, upper-case hex.</summary>
    private static string NormalisePattern(string pattern) => NormalisePath(pattern);

    private static string NormalisePath(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                var octet = Convert.ToByte(value.Substring(i + 1, 2), 16);
                // Unreserved characters are the same encoded or not; keep them plain.
                if (char.IsAsciiLetterOrDigit((char)octet) || octet is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                {
                    builder.Append((char)octet);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                }

                i += 2;
            }
            else if (c > 0x7F || char.IsWhiteSpace(c))
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
                foreach (var octet in Encoding.UTF8.GetBytes(value.Substring(i, length)))
                {
                    builder.Append('%').Append(octet.ToString("X2", CultureInfo.InvariantCulture));
                }

                i += length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed record Rule(string Pattern, bool Allow);

    private sealed class Group(List<string> agents, List<Rule> rules, TimeSpan? crawlDelay)
    {
        public List<string> Agents { get; } = agents;

        public List<Rule> Rules { get; } = rules;

        public TimeSpan? CrawlDelay { get; set; } = crawlDelay;
    }
}
