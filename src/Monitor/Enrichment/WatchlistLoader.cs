using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Monitor.Enrichment;

/// <summary>
/// Reads watch-lists. Shape (camelCase; unknown keys are errors):
/// <code>
/// name: public-order
/// topic: an ninh trật tự        # default topic of the terms
/// severity: medium              # default severity: low | medium | high
/// terms:
///   - term: bạo loạn
///     severity: high
///   - term: biểu tình
/// </code>
/// </summary>
public static class WatchlistLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Every <c>*.yaml</c> in <paramref name="folder"/>; all problems in all files are reported together.</summary>
    public static IReadOnlyList<Watchlist> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var lists = new List<Watchlist>();
        var errors = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            try
            {
                lists.Add(Parse(File.ReadAllText(file), Path.GetFileNameWithoutExtension(file), errors, Path.GetFileName(file)));
            }
            catch (YamlException e)
            {
                errors.Add($"{Path.GetFileName(file)}: {e.Message} (line {e.Start.Line})");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException("Invalid watch-lists:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return lists;
    }

    public static Watchlist Parse(string yaml, string fallbackName, List<string> errors, string source)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var document = Yaml.Deserialize<WatchlistDocument?>(yaml) ?? new WatchlistDocument();
        var name = string.IsNullOrWhiteSpace(document.Name) ? fallbackName : document.Name;
        var defaultSeverity = ParseSeverity(document.Severity ?? "medium", source, "severity", errors);
        var terms = new List<WatchTerm>();
        if (document.Terms is not { Count: > 0 })
        {
            errors.Add($"{source}: 'terms' is empty");
        }

        foreach (var (entry, index) in (document.Terms ?? []).Select((e, i) => (e, i)))
        {
            if (string.IsNullOrWhiteSpace(entry.Term))
            {
                errors.Add($"{source}: terms[{index}] has no 'term'");
                continue;
            }

            var severity = entry.Severity is null ? defaultSeverity : ParseSeverity(entry.Severity, source, $"terms[{index}].severity", errors);
            var topic = entry.Topic ?? document.Topic;
            if (string.IsNullOrWhiteSpace(topic))
            {
                errors.Add($"{source}: terms[{index}] ('{entry.Term}') has no topic and the list has no default 'topic'");
                continue;
            }

            terms.Add(new WatchTerm(entry.Term.Trim(), severity, topic));
        }

        return new Watchlist(name, terms);
    }

    private static WatchSeverity ParseSeverity(string value, string source, string field, List<string> errors)
    {
        if (Enum.TryParse<WatchSeverity>(value, ignoreCase: true, out var severity) && Enum.IsDefined(severity))
        {
            return severity;
        }

        errors.Add($"{source}: {field} '{value}' is not one of low, medium, high");
        return WatchSeverity.Medium;
    }

    private sealed class WatchlistDocument
    {
        public string? Name { get; set; }

        public string? Topic { get; set; }

        public string? Severity { get; set; }

        public List<TermDocument>? Terms { get; set; }
    }

    private sealed class TermDocument
    {
        public string? Term { get; set; }

        public string? Severity { get; set; }

        public string? Topic { get; set; }
    }
}
