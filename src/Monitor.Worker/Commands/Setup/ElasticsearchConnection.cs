using System.CommandLine;
using Monitor.Configuration;
using Monitor.Storage.Elasticsearch;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Setup;

/// <summary>
/// The connection options shared by <c>setup</c>, <c>migrate</c> and <c>demo --store elasticsearch</c>.
/// Each falls back to <c>store.elasticsearch</c> in monitor.yaml; secrets come only from the
/// environment variables named here or there.
/// </summary>
internal static class ElasticsearchConnection
{
    public static Option<Uri?> Url { get; } = UrlOption(
        "--es-url",
        "Elasticsearch URL, e.g. https://localhost:9200 (default: $MONITOR_ES_URL, then store.elasticsearch.url)",
        () => Environment.GetEnvironmentVariable("MONITOR_ES_URL") is { Length: > 0 } url ? new Uri(url) : null);

    /// <summary>An absolute http(s) URL option with a clear parse error.</summary>
    public static Option<Uri?> UrlOption(string name, string description, Func<Uri?>? fallback = null)
    {
        var option = new Option<Uri?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"{name} needs an absolute http(s) URL, got '{text}'.");
                return null;
            },
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback();
        }

        return option;
    }

    public static Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Environment variable holding an encoded API key" };

    public static Option<string?> UsernameEnv { get; } = new("--username-env") { Description = "Environment variable holding the user name (basic auth)" };

    public static Option<string?> PasswordEnv { get; } = new("--password-env") { Description = "Environment variable holding the password (basic auth)" };

    public static Option<string?> CaCertificate { get; } = new("--ca-cert") { Description = "PEM file of the CA that signed the cluster's certificate" };

    public static void AddTo(Command command, bool includeUrl = true)
    {
        if (includeUrl)
        {
            command.Options.Add(Url);
        }

        command.Options.Add(ApiKeyEnv);
        command.Options.Add(UsernameEnv);
        command.Options.Add(PasswordEnv);
        command.Options.Add(CaCertificate);
    }

    /// <summary>The options to connect with, or null (after saying why) when there is no URL.</summary>
    public static ElasticsearchOptions? Resolve(ParseResult parse, CommandContext context, Uri? url = null)
    {
        var configuration = Directory.Exists(context.PipelinesFolder) ? context.LoadPipelines().Configuration : null;
        var settings = configuration?.Settings ?? new MonitorSettings();
        var yaml = settings.Store.Elasticsearch;
        // A cluster named on the command line gets its credentials from the command line only:
        // monitor.yaml's variables belong to the cluster monitor.yaml names.
        var explicitUrl = url ?? parse.GetValue(Url);
        if (explicitUrl is not null)
        {
            yaml = new ElasticsearchSettings();
        }

        url = explicitUrl ?? yaml.Url;
        if (url is null)
        {
            context.Error.WriteLine("Give the Elasticsearch URL with --es-url, MONITOR_ES_URL or store.elasticsearch.url in monitor.yaml.");
            return null;
        }

        var fromCommandLine = parse.GetValue(ApiKeyEnv) is not null || parse.GetValue(UsernameEnv) is not null;
        var merged = yaml with
        {
            Url = url,
            ApiKeyEnv = fromCommandLine ? parse.GetValue(ApiKeyEnv) : yaml.ApiKeyEnv,
            UsernameEnv = fromCommandLine ? parse.GetValue(UsernameEnv) : yaml.UsernameEnv,
            PasswordEnv = fromCommandLine ? parse.GetValue(PasswordEnv) : yaml.PasswordEnv,
            CaCertificatePath = parse.GetValue(CaCertificate) ?? yaml.CaCertificatePath,
        };
        return ElasticsearchOptionsFactory.FromSettings(merged, settings.DataFolder, configuration?.Stations ?? []);
    }
}
