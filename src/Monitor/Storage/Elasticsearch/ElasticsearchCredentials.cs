using Elastic.Transport;

namespace Monitor.Storage.Elasticsearch;

/// <summary>Reads the secret named in the options from the environment, once, at start.</summary>
internal static class ElasticsearchCredentials
{
    public static AuthorizationHeader? FromEnvironment(ElasticsearchOptions options)
    {
        if (options.ApiKeyEnv is { } apiKeyVariable)
        {
            var apiKey = Environment.GetEnvironmentVariable(apiKeyVariable);
            return string.IsNullOrEmpty(apiKey)
                ? throw new ElasticsearchException($"Environment variable '{apiKeyVariable}' (store.elasticsearch.apiKeyEnv) is not set.")
                : new ApiKey(apiKey.Trim());
        }

        if (options.UsernameEnv is { } userVariable && options.PasswordEnv is { } passwordVariable)
        {
            var user = Environment.GetEnvironmentVariable(userVariable);
            var password = Environment.GetEnvironmentVariable(passwordVariable);
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
            {
                throw new ElasticsearchException(
                    $"Environment variables '{userVariable}' and '{passwordVariable}' (store.elasticsearch.usernameEnv/passwordEnv) must both be set.");
            }

            return new BasicAuthentication(user, password);
        }

        return null;
    }

    /// <summary>The same credentials as an HTTP header, for Kibana, which takes what Elasticsearch takes.</summary>
    public static System.Net.Http.Headers.AuthenticationHeaderValue? HeaderFromEnvironment(ElasticsearchOptions options) =>
        FromEnvironment(options) is { } header && header.TryGetAuthorizationParameters(out var parameters)
            ? new System.Net.Http.Headers.AuthenticationHeaderValue(header.AuthScheme, parameters)
            : null;
}
