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

    /// <summary>
    /// A model flag also needs the model's winning label to be a flagged one with at least this
    /// calibrated probability; below it the outcome is uncertain and no flag is raised.
    /// </summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>Folder of <c>*.yaml</c> watch-lists; null or missing means no watch-list rules.</summary>
    public string? WatchlistFolder { get; init; } = "pipelines/watchlists";

    /// <summary>
    /// From monitor.yaml's <c>language:</c> section: a model path left null means the default model
    /// shipped in <c>models/</c>; watch-lists are <c>&lt;pipelines&gt;/watchlists</c>. A relative
    /// model path is looked up beside the pipelines folder (the repository root in a checkout),
    /// then beside the executable (the build copies <c>models/</c> there), so the worker finds its
    /// models whatever its working directory.
    /// </summary>
    public static LanguageOptions From(LanguageSettings settings, string pipelinesFolder)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new LanguageOptions();
        var root = Path.GetDirectoryName(Path.GetFullPath(pipelinesFolder)) ?? ".";
        return new LanguageOptions
        {
            SentimentModel = Resolve(settings.SentimentModel ?? defaults.SentimentModel, root),
            ToxicityModel = Resolve(settings.ToxicityModel ?? defaults.ToxicityModel, root),
            NegativeThreshold = settings.NegativeThreshold,
            ToxicThreshold = settings.ToxicThreshold,
            MinConfidence = settings.MinConfidence,
            WatchlistFolder = Path.Combine(pipelinesFolder, "watchlists"),
        };
    }

    private static string Resolve(string path, string root)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var besideExecutable = Path.Combine(AppContext.BaseDirectory, path);
        var besidePipelines = Path.Combine(root, path);
        return File.Exists(besidePipelines) || !File.Exists(besideExecutable) ? besidePipelines : besideExecutable;
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

        if (double.IsNaN(MinConfidence) || MinConfidence is < 0 or > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"language.minConfidence must be in [0, 1] (got {MinConfidence})"));
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
