using System.Net.Http.Headers;
using System.Text;

namespace Monitor.Storage.Elasticsearch;

/// <summary>Reads the secret named in the options from the environment, once, at start.</summary>
internal static class ElasticsearchCredentials
{
    public static AuthenticationHeaderValue? FromEnvironment(ElasticsearchOptions options)
    {
        if (options.ApiKeyEnv is { } apiKeyVariable)
        {
            var apiKey = Environment.GetEnvironmentVariable(apiKeyVariable);
            return string.IsNullOrEmpty(apiKey)
                ? throw new ElasticsearchException($"Environment variable '{apiKeyVariable}' (store.elasticsearch.apiKeyEnv) is not set.")
                : new AuthenticationHeaderValue("ApiKey", apiKey.Trim());
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

            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return null;
    }
}
