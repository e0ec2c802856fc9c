using Monitor.Domain;

namespace Monitor.Collection.Social;

/// <summary>
/// Reads a channel's token from the environment variable its config names. Only the variable's
/// name ever reaches a message; the value stays in memory and in the outgoing request.
/// </summary>
internal static class ChannelCredentials
{
    public static string Resolve(Platform platform, string channelId, string tokenEnv)
    {
        if (string.IsNullOrWhiteSpace(tokenEnv))
        {
            throw new SocialApiException(platform, channelId, SocialFailure.MissingCredentials, null,
                "the channel config has no tokenEnv (name of the environment variable holding the token)");
        }

        var value = Environment.GetEnvironmentVariable(tokenEnv);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SocialApiException(platform, channelId, SocialFailure.MissingCredentials, null,
                $"environment variable {tokenEnv} is not set");
        }

        return value.Trim();
    }

    /// <summary>Removes a secret from text that came back from a platform (error messages, next-page URLs).</summary>
    public static string Redact(string text, string secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);
}
