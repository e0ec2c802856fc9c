using System.Globalization;
using System.Text;
using Monitor.Domain;
using Monitor.Replay.Platforms;
using YamlDotNet.RepresentationModel;

namespace Monitor.Worker.Demo;

/// <summary>
/// Writes a copy of a pipelines folder aimed at the replay: profiles and watch-lists as they are,
/// each station file with its website channel on the loopback site that stands in for its host and
/// its social channels on the replay platform APIs (the replay's account id, <c>apiBaseUrl</c>),
/// channels the replay has nothing for left out; <c>monitor.yaml</c> with a short politeness delay
/// (the sites are our own). The replay's made-up tokens go to <c>replay.env</c> beside it.
/// </summary>
internal static class ReplayPipelines
{
    public sealed record Written(int Stations, string EnvFile);

    public static Written Write(string source, string target, IReadOnlyDictionary<string, Uri> sites, ReplayPlatforms platforms, string? schedule, Uri? elasticsearch = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(platforms);
        Directory.CreateDirectory(target);
        foreach (var folder in new[] { "profiles", "watchlists" })
        {
            CopyFolder(Path.Combine(source, folder), Path.Combine(target, folder));
        }

        var monitor = Load(Path.Combine(source, "monitor.yaml"));
        var politeness = Child(monitor, "politeness");
        politeness.Children[new YamlScalarNode("minDelay")] = new YamlScalarNode("20ms");
        politeness.Children[new YamlScalarNode("crawlDelayCap")] = new YamlScalarNode("200ms");
        if (elasticsearch is not null)
        {
            var store = Child(monitor, "store");
            store.Children[new YamlScalarNode("kind")] = new YamlScalarNode("elasticsearch");
            store.Children[new YamlScalarNode("elasticsearch")] = new YamlMappingNode(
                new YamlScalarNode("url"), new YamlScalarNode(elasticsearch.AbsoluteUri),
                new YamlScalarNode("apiKeyEnv"), new YamlScalarNode("null"));
        }

        Save(monitor, Path.Combine(target, "monitor.yaml"));

        var stationsOut = Path.Combine(target, "stations");
        Directory.CreateDirectory(stationsOut);
        var tokens = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var stations = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(source, "stations"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var station = Load(file);
            var stationId = ((YamlScalarNode)station.Children[new YamlScalarNode("id")]).Value!;
            var channels = station.Children.TryGetValue(new YamlScalarNode("channels"), out var node) && node is YamlSequenceNode sequence ? sequence : new YamlSequenceNode();
            var kept = new YamlSequenceNode();
            foreach (var channel in channels.Children.OfType<YamlMappingNode>())
            {
                if (Aim(channel, stationId, sites, platforms, tokens))
                {
                    if (schedule is not null)
                    {
                        channel.Children[new YamlScalarNode("schedule")] = new YamlScalarNode(schedule) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
                    }

                    kept.Add(channel);
                }
            }

            station.Children[new YamlScalarNode("channels")] = kept;
            stations += kept.Children.Count > 0 ? 1 : 0;
            Save(station, Path.Combine(stationsOut, Path.GetFileName(file)));
        }

        var env = Path.Combine(target, "replay.env");
        File.WriteAllLines(env, tokens.Select(t => $"{t.Key}={t.Value}"));
        return new Written(stations, env);
    }

    private static bool Aim(YamlMappingNode channel, string stationId, IReadOnlyDictionary<string, Uri> sites, ReplayPlatforms platforms, SortedDictionary<string, string> tokens)
    {
        var kind = Scalar(channel, "kind");
        if (kind == "website")
        {
            if (Scalar(channel, "baseUrl") is not { } baseText || Replay(new Uri(baseText), sites) is not { } replay)
            {
                return false;
            }

            channel.Children[new YamlScalarNode("baseUrl")] = new YamlScalarNode(Rewrite(new Uri(baseText), replay).AbsoluteUri);
            foreach (var list in new[] { "feeds", "sitemaps", "listingPages" })
            {
                if (channel.Children.TryGetValue(new YamlScalarNode(list), out var value) && value is YamlSequenceNode urls)
                {
                    channel.Children[new YamlScalarNode(list)] = new YamlSequenceNode(urls.Children.OfType<YamlScalarNode>()
                        .Select(u => new Uri(u.Value!))
                        .Select(u => Replay(u, sites) is { } r ? new YamlScalarNode(Rewrite(u, r).AbsoluteUri) : null)
                        .OfType<YamlNode>()) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow };
                }
            }

            return true;
        }

        if (kind is null || !PlatformNames.TryParse(kind, out var platform) || platform == Platform.Web)
        {
            return false;
        }

        var account = platforms.Catalog.Accounts.FirstOrDefault(a => a.StationId == stationId && a.Platform == platform);
        if (account is null || !platforms.BaseUrls.TryGetValue(platform, out var apiBase))
        {
            return false;
        }

        var idKey = platform switch
        {
            Platform.YouTube => "channelId",
            Platform.Facebook => "pageId",
            Platform.TikTok => "account",
            _ => "oaId",
        };
        channel.Children[new YamlScalarNode(idKey)] = new YamlScalarNode(account.AccountId);
        channel.Children[new YamlScalarNode("tokenEnv")] = new YamlScalarNode(account.TokenEnv);
        channel.Children[new YamlScalarNode("apiBaseUrl")] = new YamlScalarNode(apiBase.AbsoluteUri);
        tokens[account.TokenEnv] = account.Token;
        return true;
    }

    private static Uri? Replay(Uri url, IReadOnlyDictionary<string, Uri> sites)
    {
        var host = url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
        return sites.TryGetValue(host, out var replay) ? replay : null;
    }

    private static Uri Rewrite(Uri url, Uri replay) => new UriBuilder(url) { Scheme = replay.Scheme, Host = replay.Host, Port = replay.Port }.Uri;

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlMappingNode Child(YamlMappingNode map, string key)
    {
        if (map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode child)
        {
            return child;
        }

        var created = new YamlMappingNode();
        map.Children[new YamlScalarNode(key)] = created;
        return created;
    }

    private static YamlMappingNode Load(string file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root ? root : new YamlMappingNode();
    }

    private static void Save(YamlMappingNode root, string file)
    {
        using var writer = new StreamWriter(file, append: false, new UTF8Encoding(false));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Written by `replay`: aimed at the replay on 127.0.0.1. Regenerated on every start; edit the original instead."));
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
    }

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
