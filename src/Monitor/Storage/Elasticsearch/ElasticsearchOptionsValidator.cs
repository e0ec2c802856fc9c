using Microsoft.Extensions.Options;

namespace Monitor.Storage.Elasticsearch;

/// <summary>Lists every problem with the Elasticsearch settings at start, not the first one only.</summary>
internal sealed class ElasticsearchOptionsValidator : IValidateOptions<ElasticsearchOptions>
{
    public ValidateOptionsResult Validate(string? name, ElasticsearchOptions options)
    {
        var failures = new List<string>();
        if (options.Urls.Count == 0)
        {
            failures.Add("store.elasticsearch needs url or urls.");
        }

        foreach (var url in options.Urls.Where(u => !u.IsAbsoluteUri || u.Scheme is not ("http" or "https")))
        {
            failures.Add($"store.elasticsearch.urls: every node must be an absolute http(s) URL, got '{url}'.");
        }

        if (options.Urls.Select(u => u.IsAbsoluteUri ? u.Scheme : string.Empty).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            failures.Add("store.elasticsearch.urls mixes http and https; the nodes of one cluster share one scheme.");
        }

        if (options.Urls.Distinct().Count() != options.Urls.Count)
        {
            failures.Add("store.elasticsearch.urls lists the same node twice.");
        }

        if (options.CertificateFingerprint is { } fingerprint && !ElasticsearchClientFactory.IsFingerprint(fingerprint))
        {
            failures.Add($"store.elasticsearch.certificateFingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed), got '{fingerprint}'.");
        }

        if (options.CertificateFingerprint is not null && options.CaCertificatePath is not null)
        {
            failures.Add("store.elasticsearch: give either caCertificatePath or certificateFingerprint, not both.");
        }

        if (options.ApiKeyEnv is not null && (options.UsernameEnv is not null || options.PasswordEnv is not null))
        {
            failures.Add("store.elasticsearch: give either apiKeyEnv or usernameEnv/passwordEnv, not both.");
        }

        if ((options.UsernameEnv is null) != (options.PasswordEnv is null))
        {
            failures.Add("store.elasticsearch: usernameEnv and passwordEnv go together.");
        }

        foreach (var variable in new[] { options.ApiKeyEnv, options.UsernameEnv, options.PasswordEnv })
        {
            if (variable is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            {
                failures.Add($"store.elasticsearch names the environment variable '{variable}', but it is not set.");
            }
        }

        if (options.CaCertificatePath is not null && !File.Exists(options.CaCertificatePath))
        {
            failures.Add($"store.elasticsearch.caCertificatePath '{options.CaCertificatePath}' does not exist.");
        }

        if (options.MaxBatchBytes < 1024)
        {
            failures.Add("MaxBatchBytes must be at least 1024.");
        }

        if (options.MaxBatchDocuments < 1)
        {
            failures.Add("MaxBatchDocuments must be at least 1.");
        }

        if (options.MaxAttempts < 1)
        {
            failures.Add("MaxAttempts must be at least 1.");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add("Backoff must be positive and MaxBackoff at least InitialBackoff.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
