using Microsoft.Extensions.DependencyInjection;
using Monitor.Language;
using Monitor.Pipeline;

namespace Monitor.Enrichment;

/// <summary>Registers the language enrichers: classifiers (sentiment, toxicity) then watch-lists.</summary>
public static class LanguageServiceCollectionExtensions
{
    /// <summary>Labels whose probability counts toward a model flag.</summary>
    private static readonly HashSet<string> NegativeLabels = new(["negative"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> ToxicLabels = new(["OFFENSIVE", "HATE"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Validates <paramref name="options"/> now (every problem in one exception), loads both models
    /// and the watch-lists once, and adds <see cref="IContentEnricher"/>s in pipeline order:
    /// classifiers, then watch-lists.
    /// </summary>
    public static IServiceCollection AddLanguage(this IServiceCollection services, LanguageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid language settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        // Either kind of file in either slot: the project's format or an ML.NET zip, told apart by content.
        var sentiment = TextClassifierFile.Load(options.SentimentModel, "sentiment");
        var toxicity = TextClassifierFile.Load(options.ToxicityModel, "toxicity");
        var watchlists = options.WatchlistFolder is null ? [] : WatchlistLoader.LoadFolder(options.WatchlistFolder);
        services.AddSingleton<ITextClassifier>(sentiment);
        services.AddSingleton<ITextClassifier>(toxicity);
        services.AddSingleton<IContentEnricher>(provider => new ClassifierEnricher(
            [
                (sentiment, new ModelFlagRule(NegativeLabels, options.NegativeThreshold, "medium", options.MinConfidence)),
                (toxicity, new ModelFlagRule(ToxicLabels, options.ToxicThreshold, "high", options.MinConfidence)),
            ],
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IContentEnricher>(provider => new WatchlistEnricher(watchlists, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>
    /// Adds the <see cref="LanguageTally"/> a command prints at its end, as the last enricher so it sees
    /// everything the language stages added. Only for a bounded run (<c>demo</c>): the tally remembers
    /// every target it counted, so in an import or a long-running worker it grew with every item (a third
    /// of a 1M-item import's managed heap) and nothing read it.
    /// </summary>
    public static IServiceCollection AddLanguageTally(this IServiceCollection services)
    {
        services.AddSingleton<LanguageTally>();
        services.AddSingleton<IContentEnricher>(provider => provider.GetRequiredService<LanguageTally>());
        return services;
    }
}
