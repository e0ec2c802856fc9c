using System.Text.RegularExpressions;
using Monitor.Configuration.Channels;
using Monitor.Configuration.Yaml;
using Monitor.Domain;
using YamlDotNet.RepresentationModel;

namespace Monitor.Configuration;

/// <summary>Reads one <c>stations/&lt;id&gt;.yaml</c> file.</summary>
internal static partial class StationParser
{
    /// <summary>A channel entry; <see cref="Channel"/> is null when it had problems, but its id and references are still checked across files.</summary>
    public sealed record ParsedChannel(Channel? Channel, string? Id, bool Confirmed, YamlNode? IdNode, ChannelParseContext? Context);

    public sealed record ParsedStation(Station Station, YamlNode? IdNode, YamlNode? MergedIntoNode, IReadOnlyList<ParsedChannel> Channels);

    public static ParsedStation? Parse(YamlMap map)
    {
        var id = Identifier(map, "id", required: true);
        var name = map.String("name", required: true);
        var province = map.String("province", required: true);
        var cluster = map.String("cluster");
        if (cluster is not null && !ClusterPattern().IsMatch(cluster))
        {
            map.Problem(map.Node("cluster")!, $"'cluster' must look like 'cum-2', not '{cluster}'");
        }

        var formerNames = map.Strings("formerNames");
        var mergedInto = Identifier(map, "mergedInto", required: false);
        var channelNodes = map.Sequence("channels");
        var channels = new List<ParsedChannel>();
        foreach (var node in channelNodes)
        {
            if (YamlMap.From(node, map.File, map.Problems, "a channel entry") is { } channelMap)
            {
                channels.Add(ParseChannel(channelMap, id ?? "?"));
            }
        }

        map.ReportUnknownKeys("a station file");
        if (id is null || name is null || province is null)
        {
            return null;
        }

        var station = new Station(id, name, province, cluster, formerNames, mergedInto, [.. channels.Select(c => c.Channel).OfType<Channel>()]);
        return new ParsedStation(station, map.Node("id"), map.Node("mergedInto"), channels);
    }

    private static ParsedChannel ParseChannel(YamlMap map, string stationId)
    {
        var id = Identifier(map, "id", required: true);
        var kind = map.String("kind", required: true);
        var schedule = MonitorSettingsParser.Cron(map, "schedule");
        var confirmed = map.Bool("confirmed") ?? true;
        if (kind is null)
        {
            return new ParsedChannel(null, id, confirmed, map.Node("id"), null);
        }

        var parser = ChannelParsers.All.FirstOrDefault(p => p.Kind == kind);
        if (parser is null)
        {
            var kinds = string.Join(", ", ChannelParsers.All.Select(p => p.Kind));
            map.Problem(map.Node("kind")!, $"unknown channel kind '{kind}' (known kinds: {kinds})");
            return new ParsedChannel(null, id, confirmed, map.Node("id"), null);
        }

        var context = new ChannelParseContext(map, stationId, id ?? "?", schedule);
        var channel = parser.Parse(context);
        map.ReportUnknownKeys($"a '{kind}' channel");
        return new ParsedChannel(id is null ? null : channel, id, confirmed, map.Node("id"), context);
    }

    private static string? Identifier(YamlMap map, string key, bool required)
    {
        var text = map.String(key, required);
        if (text is null || IdPattern().IsMatch(text))
        {
            return text;
        }

        map.Problem(map.Node(key)!, $"'{key}' must be lower-case letters and digits joined by '-', such as 'thai-nguyen', not '{text}'");
        return null;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^cum-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterPattern();
}
