using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Monitor.Configuration.Yaml;

/// <summary>
/// A YAML mapping read key by key. Every accessor records its key as known and reports a bad value
/// at the value's own line; <see cref="ReportUnknownKeys"/> then reports whatever nobody asked for.
/// Accessors return null (or an empty list) after reporting, so parsing carries on and finds more.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode node;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    private YamlMap(YamlMappingNode node, string file, ProblemList problems)
    {
        this.node = node;
        File = file;
        Problems = problems;
    }

    public string File { get; }

    public ProblemList Problems { get; }

    public Mark Start => node.Start;

    public static YamlMap? From(YamlNode node, string file, ProblemList problems, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, file, problems);
        }

        problems.Add(file, node, $"{what} must be a mapping of keys to values");
        return null;
    }

    public void Problem(YamlNode at, string message) => Problems.Add(File, at, message);

    public void Problem(string message) => Problems.Add(File, node, message);

    /// <summary>The value node of <paramref name="key"/>, or null when absent or written as null.</summary>
    public YamlNode? Node(string key)
    {
        known.Add(key);
        foreach (var (k, v) in node.Children)
        {
            if (k is YamlScalarNode { Value: var name } && name == key)
            {
                return IsNull(v) ? null : v;
            }
        }

        return null;
    }

    /// <summary>Where the key itself is written (for problems about a value that came from elsewhere).</summary>
    public YamlNode KeyNodeOrMap(string key)
    {
        foreach (var (k, _) in node.Children)
        {
            if (k is YamlScalarNode { Value: var name } && name == key)
            {
                return k;
            }
        }

        return node;
    }

    public string? String(string key, bool required = false)
    {
        var value = Node(key);
        if (value is null)
        {
            if (required)
            {
                Problem($"missing required key '{key}'");
            }

            return null;
        }

        if (value is not YamlScalarNode scalar)
        {
            Problem(value, $"'{key}' must be a single value, not a list or mapping");
            return null;
        }

        var text = scalar.Value?.Trim();
        if (string.IsNullOrEmpty(text) && required)
        {
            Problem(value, $"'{key}' must not be empty");
            return null;
        }

        return text;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Problem(Node(key)!, $"'{key}' must be true or false, not '{text}'");
        return null;
    }

    public long? Integer(string key, long min, long max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Problem(Node(key)!, $"'{key}' must be a whole number from {min} to {max}, not '{text}'");
        return null;
    }

    public double? Number(string key, double min, double max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Problem(Node(key)!, $"'{key}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
        return null;
    }

    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (Configuration.Duration.TryParse(text, out var value))
        {
            return value;
        }

        Problem(Node(key)!, $"'{key}' must be a duration such as 500ms, 30s, 5m, 1h or 7d, not '{text}'");
        return null;
    }

    public Uri? AbsoluteUrl(string key, bool required = false)
    {
        var text = String(key, required);
        return text is null ? null : ParseUrl(Node(key)!, key, text);
    }

    public IReadOnlyList<YamlNode> Sequence(string key)
    {
        var value = Node(key);
        switch (value)
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return [.. sequence.Children.Where(c => !IsNull(c))];
            default:
                Problem(value, $"'{key}' must be a list (write [] for none)");
                return [];
        }
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var result = new List<string>();
        foreach (var item in Sequence(key))
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } text })
            {
                result.Add(text.Trim());
            }
            else
            {
                Problem(item, $"every entry of '{key}' must be a single text value");
            }
        }

        return result;
    }

    public IReadOnlyList<Uri> Urls(string key)
    {
        var result = new List<Uri>();
        foreach (var item in Sequence(key))
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } text })
            {
                if (ParseUrl(item, key, text.Trim()) is { } url)
                {
                    result.Add(url);
                }
            }
            else
            {
                Problem(item, $"every entry of '{key}' must be a URL");
            }
        }

        return result;
    }

    public IReadOnlyList<TimeSpan> Durations(string key)
    {
        var result = new List<TimeSpan>();
        foreach (var item in Sequence(key))
        {
            if (item is YamlScalarNode { Value: var text } && Configuration.Duration.TryParse(text, out var value))
            {
                result.Add(value);
            }
            else
            {
                Problem(item, $"every entry of '{key}' must be a duration such as 30s, 1h or 7d");
            }
        }

        return result;
    }

    public YamlMap? Map(string key)
    {
        var value = Node(key);
        return value is null ? null : From(value, File, Problems, $"'{key}'");
    }

    /// <summary>Reports every key no accessor asked for, listing the ones that are understood.</summary>
    public void ReportUnknownKeys(string where)
    {
        foreach (var (k, _) in node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? k.ToString();
            if (!known.Contains(name))
            {
                var expected = string.Join(", ", known.Order(StringComparer.Ordinal));
                Problem(k, $"unknown key '{name}' in {where} (known keys: {expected})");
            }
        }
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private Uri? ParseUrl(YamlNode at, string key, string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
        {
            return url;
        }

        Problem(at, $"'{key}' must be an absolute http(s) URL such as https://example.vn/, not '{text}'");
        return null;
    }
}
