using System.CommandLine;
using Monitor.Storage.Elasticsearch;

namespace Monitor.Worker.Commands.Setup;

/// <summary>
/// The connection options shared by <c>setup</c>, <c>migrate</c> and <c>demo --store elasticsearch</c>:
/// the same names as <c>store.elasticsearch</c> in monitor.yaml. Secrets come only from the
/// environment variables named here.
/// </summary>
internal static class ElasticsearchConnection
{
    public static Option<Uri?> Url { get; } = new("--es-url")
    {
        Description = "Elasticsearch URL, e.g. https://localhost:9200 (default: $MONITOR_ES_URL)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MONITOR_ES_URL") is { Length: > 0 } url ? new Uri(url) : null,
    };

    public static Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "Environment variable holding an encoded API key" };

    public static Option<string?> UsernameEnv { get; } = new("--username-env") { Description = "Environment variable holding the user name (basic auth)" };

    public static Option<string?> PasswordEnv { get; } = new("--password-env") { Description = "Environment variable holding the password (basic auth)" };

    public static Option<string?> CaCertificate { get; } = new("--ca-cert") { Description = "PEM file of the CA that signed the cluster's certificate" };

    public static void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(ApiKeyEnv);
        command.Options.Add(UsernameEnv);
        command.Options.Add(PasswordEnv);
        command.Options.Add(CaCertificate);
    }

    public static ElasticsearchOptions? OptionsFrom(ParseResult parse, TextWriter error, string deadLetterPath)
    {
        if (parse.GetValue(Url) is not { } url)
        {
            error.WriteLine("Give the Elasticsearch URL with --es-url or MONITOR_ES_URL.");
            return null;
        }

        return new ElasticsearchOptions
        {
            Url = url,
            ApiKeyEnv = parse.GetValue(ApiKeyEnv),
            UsernameEnv = parse.GetValue(UsernameEnv),
            PasswordEnv = parse.GetValue(PasswordEnv),
            CaCertificatePath = parse.GetValue(CaCertificate),
            DeadLetterPath = deadLetterPath,
        };
    }
}
