using Monitor.Configuration.Yaml;
using Monitor.Enrichment;

namespace Monitor.Configuration;

/// <summary>
/// Reads one <c>watchlists/&lt;name&gt;.yaml</c> (shape in <see cref="WatchlistLoader"/>) with every problem
/// at its line and column, so <c>validate</c> reports a broken watch-list like any other file.
/// </summary>
internal static class WatchlistParser
{
    public static Watchlist? Parse(YamlMap map, string fileName)
    {
        var name = map.String("name") ?? fileName;
        var listTopic = map.String("topic");
        var listSeverity = Severity(map, "severity") ?? WatchSeverity.Medium;
        var entries = map.Sequence("terms");
        if (entries.Count == 0)
        {
            map.Problem(map.KeyNodeOrMap("terms"), "'terms' must list at least one term");
        }

        var terms = new List<WatchTerm>();
        foreach (var node in entries)
        {
            if (YamlMap.From(node, map.File, map.Problems, "each entry of 'terms'") is not { } entry)
            {
                continue;
            }

            var term = entry.String("term", required: true);
            var severity = Severity(entry, "severity") ?? listSeverity;
            var topic = entry.String("topic") ?? listTopic;
            entry.ReportUnknownKeys("a watch-list term");
            if (term is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(topic))
            {
                entry.Problem($"term '{term}' has no 'topic' and the list has no default 'topic'");
                continue;
            }

            terms.Add(new WatchTerm(term, severity, topic));
        }

        map.ReportUnknownKeys("a watch-list");
        return new Watchlist(name, terms);
    }

    private static WatchSeverity? Severity(YamlMap map, string key)
    {
        var text = map.String(key);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<WatchSeverity>(text, ignoreCase: true, out var severity) && Enum.IsDefined(severity) && !int.TryParse(text, out _))
        {
            return severity;
        }

        map.Problem(map.Node(key)!, $"'{key}' must be one of low, medium, high, not '{text}'");
        return null;
    }
}
