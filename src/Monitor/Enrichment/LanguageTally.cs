using System.Globalization;
using System.Text;
using Monitor.Domain;
using Monitor.Pipeline;

namespace Monitor.Enrichment;

/// <summary>
/// Counts what the language enrichers produced in this process (assessments per task and label,
/// flags per source) for the demo's summary. Registered last by <c>AddLanguageTally</c>; it only
/// observes the batch. Social items are enriched again at every re-observation, so each target is
/// counted once per task (its first label) and each flag once, as the store keeps them. Thread-safe.
/// </summary>
public sealed class LanguageTally : IContentEnricher
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<(string Task, string Label), int> labels = [];
    private readonly SortedDictionary<string, int> flags = new(StringComparer.Ordinal);
    private readonly HashSet<(string TargetId, string Task)> assessed = [];
    private readonly HashSet<(string TargetId, string Source, string Reason)> flagged = [];

    /// <summary>The first few model flags per source, to show a reader what a flag looks like and which words raised it.</summary>
    private readonly List<Flag> examples = [];

    /// <summary>How many model flags per source <see cref="Format"/> shows with their evidence words.</summary>
    public const int ExamplesPerSource = 3;

    public ContentBatch Enrich(ContentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (gate)
        {
            foreach (var assessment in batch.Assessments)
            {
                if (!assessed.Add((assessment.TargetId, assessment.Task)))
                {
                    continue;
                }

                var key = (assessment.Task, assessment.Label);
                labels[key] = labels.GetValueOrDefault(key) + 1;
            }

            foreach (var flag in batch.Flags)
            {
                if (!flagged.Add((flag.TargetId, flag.Source, flag.Reason)))
                {
                    continue;
                }

                flags[flag.Source] = flags.GetValueOrDefault(flag.Source) + 1;
                if (flag.Source.StartsWith("model:", StringComparison.Ordinal) && examples.Count(e => e.Source == flag.Source) < ExamplesPerSource)
                {
                    examples.Add(flag);
                }
            }
        }

        return batch;
    }

    public IReadOnlyDictionary<(string Task, string Label), int> Labels
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<(string Task, string Label), int>(labels);
            }
        }
    }

    public IReadOnlyDictionary<string, int> Flags
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, int>(flags, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// e.g. <c>sentiment: negative 12, neutral 40, positive 31</c> /
    /// <c>toxicity: CLEAN 80, HATE 1, OFFENSIVE 2</c> / <c>flags: 9 on 8 items and comments (model:toxicity 3, watchlist:thien-tai 6)</c>.
    /// </summary>
    public string Format()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        lock (gate)
        {
            if (labels.Count == 0)
            {
                text.AppendLine("sentiment, toxicity: no items or comments classified");
            }

            foreach (var task in labels.Keys.Select(k => k.Task).Distinct(StringComparer.Ordinal))
            {
                var counts = labels.Where(p => p.Key.Task == task).Select(p => string.Create(ci, $"{p.Key.Label} {p.Value}"));
                text.AppendLine(ci, $"{task}: {string.Join(", ", counts)}");
            }

            var total = flags.Values.Sum();
            text.Append(ci, $"flags: {total}");
            if (total > 0)
            {
                // One item or comment can carry several flags (a model's and a watch-list's): say on how many.
                var targets = flagged.Select(f => f.TargetId).Distinct(StringComparer.Ordinal).Count();
                text.Append(ci, $" on {targets} items and comments ({string.Join(", ", flags.Select(p => string.Create(ci, $"{p.Key} {p.Value}")))})");
            }

            foreach (var flag in examples)
            {
                // e.g. "  model:toxicity youtube:c1 (0.93) words: ngu (+0.41), im (+0.20)"
                var words = flag.Evidence.FirstOrDefault(e => e.StartsWith(ClassifierEnricher.WordsPrefix, StringComparison.Ordinal)) ?? string.Empty;
                text.AppendLine().Append(string.Create(ci, $"  {flag.Source} {flag.TargetId} ({flag.Score ?? 0:F2}) {words}").TrimEnd());
            }
        }

        return text.AppendLine().ToString();
    }
}
