using System.Globalization;
using Monitor.Configuration;

namespace Monitor.Enrichment;

/// <summary>
/// The <c>language:</c> section of monitor.yaml (parsed by the configuration code and handed to
/// <see cref="LanguageServiceCollectionExtensions.AddLanguage"/>) plus where the watch-lists live.
/// Relative paths are resolved against the working directory (the repository root in a checkout).
/// </summary>
public sealed record LanguageOptions
{
    public string SentimentModel { get; init; } = "models/sentiment.bin";

    public string ToxicityModel { get; init; } = "models/toxicity.bin";

    /// <summary>Flag an item or comment when P(negative) reaches this.</summary>
    public double NegativeThreshold { get; init; } = 0.85;

    /// <summary>Flag when P(OFFENSIVE) + P(HATE) reaches this.</summary>
    public double ToxicThreshold { get; init; } = 0.7;

    /// <summary>Folder of <c>*.yaml</c> watch-lists; null or missing means no watch-list rules.</summary>
    public string? WatchlistFolder { get; init; } = "pipelines/watchlists";

    /// <summary>
    /// From monitor.yaml's <c>language:</c> section: a model path left null means the default model
    /// shipped in <c>models/</c>; watch-lists are <c>&lt;pipelines&gt;/watchlists</c>.
    /// </summary>
    public static LanguageOptions From(LanguageSettings settings, string pipelinesFolder)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new LanguageOptions();
        return new LanguageOptions
        {
            SentimentModel = settings.SentimentModel ?? defaults.SentimentModel,
            ToxicityModel = settings.ToxicityModel ?? defaults.ToxicityModel,
            NegativeThreshold = settings.NegativeThreshold,
            ToxicThreshold = settings.ToxicThreshold,
            WatchlistFolder = Path.Combine(pipelinesFolder, "watchlists"),
        };
    }

    /// <summary>Every problem at once, so one start-up failure lists all of them.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (double.IsNaN(NegativeThreshold) || NegativeThreshold is <= 0 or > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"language.negativeThreshold must be in (0, 1] (got {NegativeThreshold})"));
        }

        if (double.IsNaN(ToxicThreshold) || ToxicThreshold is <= 0 or > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"language.toxicThreshold must be in (0, 1] (got {ToxicThreshold})"));
        }

        if (string.IsNullOrWhiteSpace(SentimentModel) || !File.Exists(SentimentModel))
        {
            errors.Add($"language.sentimentModel: model file '{SentimentModel}' not found (build it with the command in models/README.md)");
        }

        if (string.IsNullOrWhiteSpace(ToxicityModel) || !File.Exists(ToxicityModel))
        {
            errors.Add($"language.toxicityModel: model file '{ToxicityModel}' not found (build it with the command in models/README.md)");
        }

        return errors;
    }
}
