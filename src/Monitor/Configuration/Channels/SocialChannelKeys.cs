using System.Text.RegularExpressions;
using Monitor.Configuration.Yaml;

namespace Monitor.Configuration.Channels;

/// <summary>The keys every social channel kind shares: <c>tokenEnv</c> (a variable name, never a token) and <c>apiBaseUrl</c>.</summary>
internal static partial class SocialChannelKeys
{
    public static string? TokenEnv(YamlMap map)
    {
        var name = map.String("tokenEnv", required: true);
        if (name is null || EnvNamePattern().IsMatch(name))
        {
            return name;
        }

        // Do not echo the value: someone may have pasted the token itself here.
        map.Problem(map.Node("tokenEnv")!, "'tokenEnv' must be the NAME of an environment variable (letters, digits, '_'), such as MONITOR_FACEBOOK_TOKEN_LANG_SON; never the token itself");
        return null;
    }

    /// <summary>Optional API host override (demo, tests, proxies); always ends with '/' so relative calls keep the path.</summary>
    public static Uri? ApiBaseUrl(YamlMap map) =>
        map.AbsoluteUrl("apiBaseUrl") is { } url ? (url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/")) : null;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvNamePattern();
}
