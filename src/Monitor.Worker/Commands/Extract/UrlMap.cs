using System.Text.Json;

namespace Monitor.Worker.Commands.Extract;

/// <summary>Reads the stem → page address map given to <c>extract --url-map</c>.</summary>
internal static class UrlMap
{
    public static IReadOnlyDictionary<string, Uri> Load(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new FormatException($"url map '{file.FullName}' does not exist.");
        }

        var text = File.ReadAllText(file.FullName);
        var pairs = text.TrimStart().StartsWith('{') ? FromJson(text, file) : FromLines(text, file);
        var map = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var (stem, address) in pairs)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new FormatException($"url map '{file.Name}': '{address}' (for {stem}) is not an absolute http(s) URL.");
            }

            map[stem] = uri;
        }

        return map;
    }

    private static List<(string, string)> FromJson(string text, FileInfo file)
    {
        try
        {
            var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(text) ?? [];
            return [.. raw.Select(p => (p.Key, p.Value))];
        }
        catch (JsonException ex)
        {
            throw new FormatException($"url map '{file.Name}' is not a JSON object of strings: {ex.Message}", ex);
        }
    }

    private static List<(string, string)> FromLines(string text, FileInfo file)
    {
        var pairs = new List<(string, string)>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            var parts = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new FormatException($"url map '{file.Name}' line {number}: expected 'NAME URL'.");
            }

            pairs.Add((parts[0], parts[1]));
        }

        return pairs;
    }
}
