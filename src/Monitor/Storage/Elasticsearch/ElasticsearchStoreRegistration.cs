using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Storage.Elasticsearch;

public static class ElasticsearchStoreRegistration
{
    /// <summary>
    /// Registers Elasticsearch as the <see cref="IContentStore"/>. Composition passes the options it
    /// parsed from <c>store.elasticsearch</c>; they are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddElasticsearchStore(this IServiceCollection services, ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IValidateOptions<ElasticsearchOptions>, ElasticsearchOptionsValidator>();
        services.AddOptions<ElasticsearchOptions>().ValidateOnStart();
        services.AddSingleton<IOptionsFactory<ElasticsearchOptions>>(sp => new FixedOptionsFactory(options, sp.GetServices<IValidateOptions<ElasticsearchOptions>>()));
        services.AddSingleton(sp => new RetryBackoff(options, sp.GetRequiredService<TimeProvider>(), new Random()));

        // Built when first asked for, after validation: reading the credentials needs the variables set.
        services.AddSingleton(_ => ElasticsearchClientFactory.Create(options));
        services.AddSingleton<ElasticsearchRequests>();
        services.AddSingleton(sp => new DeadLetterFile(options.DeadLetterPath, sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<ElasticsearchCluster>();
        services.AddTransient<ElasticsearchSetup>();
        services.AddTransient<BulkWriter>();
        services.AddSingleton<IContentStore>(sp =>
        {
            // Hosts validate on start; commands that build a bare provider get the same check here.
            var validation = new ElasticsearchOptionsValidator().Validate(null, options);
            return validation.Failed
                ? throw new StoreUnavailableException("store.elasticsearch is not usable: " + string.Join(" ", validation.Failures ?? []))
                : ActivatorUtilities.CreateInstance<ElasticsearchContentStore>(sp);
        });
        services.AddSingleton<Triage.IFlagInbox>(sp => (ElasticsearchContentStore)sp.GetRequiredService<IContentStore>());
        services.AddSingleton<Triage.ISearchQueries>(sp => (ElasticsearchContentStore)sp.GetRequiredService<IContentStore>());
        return services.AddStoreContracts();
    }

    /// <summary>
    /// Builds the store without a host, for commands and tests that already hold the pieces
    /// (validated first, so bad settings fail with every reason listed).
    /// </summary>
    internal static ElasticsearchStoreParts Create(ElasticsearchOptions options, TimeProvider clock, ILoggerFactory loggers, Random? jitter = null)
    {
        var validation = new ElasticsearchOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(ElasticsearchOptions), typeof(ElasticsearchOptions), validation.Failures);
        }

        var backoff = new RetryBackoff(options, clock, jitter ?? new Random());
        var requests = new ElasticsearchRequests(ElasticsearchClientFactory.Create(options), options, backoff, loggers.CreateLogger<ElasticsearchRequests>());
        var cluster = new ElasticsearchCluster(requests, options, loggers.CreateLogger<ElasticsearchCluster>());
        var setup = new ElasticsearchSetup(requests, loggers.CreateLogger<ElasticsearchSetup>());
        var bulk = new BulkWriter(requests, options, new DeadLetterFile(options.DeadLetterPath, clock), loggers.CreateLogger<BulkWriter>());
        return new ElasticsearchStoreParts(new ElasticsearchContentStore(requests, cluster, setup, bulk, options, clock), cluster, setup, bulk);
    }

    private sealed class FixedOptionsFactory(ElasticsearchOptions options, IEnumerable<IValidateOptions<ElasticsearchOptions>> validators) : IOptionsFactory<ElasticsearchOptions>
    {
        public ElasticsearchOptions Create(string name)
        {
            var failures = validators.Select(v => v.Validate(name, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
            return failures.Count > 0 ? throw new OptionsValidationException(name, typeof(ElasticsearchOptions), failures) : options;
        }
    }
}

/// <summary>The store and the pieces commands use directly (setup, version check, bulk writer).</summary>
internal sealed record ElasticsearchStoreParts(ElasticsearchContentStore Store, ElasticsearchCluster Cluster, ElasticsearchSetup Setup, BulkWriter Bulk);
