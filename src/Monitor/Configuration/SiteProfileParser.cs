using System.Xml.XPath;
using Monitor.Configuration.Yaml;
using Monitor.Extraction;

namespace Monitor.Configuration;

/// <summary>Reads one <c>profiles/&lt;name&gt;.yaml</c> into a <see cref="SiteProfile"/>; every selector must compile as XPath.</summary>
internal static class SiteProfileParser
{
    public static SiteProfile? Parse(YamlMap map, string fileName)
    {
        var name = map.String("name") ?? fileName;
        if (name != fileName)
        {
            map.Problem(map.Node("name")!, $"profile name '{name}' must match its file name '{fileName}.yaml'");
        }

        var profile = new SiteProfile(
            name,
            map.Strings("hosts"),
            XPath(map, "title"),
            XPath(map, "published"),
            map.Strings("dateFormats"),
            XPath(map, "author"),
            XPath(map, "category"),
            XPath(map, "body"),
            XPaths(map, "remove"),
            XPath(map, "commentCount"),
            XPath(map, "articleLinks"),
            XPath(map, "nextPage"),
            XPath(map, "viewCount"));
        map.ReportUnknownKeys("a site profile");
        return profile;
    }

    private static string? XPath(YamlMap map, string key)
    {
        var text = map.String(key);
        return text is null || Compiles(map, map.Node(key)!, key, text) ? text : null;
    }

    private static IReadOnlyList<string> XPaths(YamlMap map, string key)
    {
        var nodes = map.Sequence(key);
        var texts = map.Strings(key);
        return [.. texts.Where((t, i) => Compiles(map, i < nodes.Count ? nodes[i] : map.KeyNodeOrMap(key), key, t))];
    }

    private static bool Compiles(YamlMap map, YamlDotNet.RepresentationModel.YamlNode at, string key, string xpath)
    {
        try
        {
            XPathExpression.Compile(xpath);
            return true;
        }
        catch (XPathException exception)
        {
            map.Problem(at, $"'{key}' is not a valid XPath: {exception.Message}");
            return false;
        }
    }
}
