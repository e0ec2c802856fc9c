using Monitor.Configuration;
using Monitor.Configuration.Yaml;

namespace Monitor.Enrichment;

/// <summary>
/// Reads watch-lists. Shape (camelCase; unknown keys are errors):
/// <code>
/// name: public-order
/// topic: an ninh trật tự        # default topic of the terms
/// severity: medium              # default severity: low | medium | high
/// terms:
///   - term: bạo loạn
///     severity: high
///   - term: biểu tình
/// </code>
/// <c>validate</c>, <c>run</c> and <c>demo</c> read them with the rest of <c>pipelines/</c>
/// (<see cref="PipelineLoader"/>); this reads a folder on its own, for a language setup outside it.
/// </summary>
public static class WatchlistLoader
{
    /// <summary>Every <c>*.yaml</c> in <paramref name="folder"/>; all problems in all files are reported together, each at file:line:column.</summary>
    public static IReadOnlyList<Watchlist> LoadFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var problems = new ProblemList();
        var lists = PipelineLoader.LoadWatchlistFolder(folder, problems);
        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(problems.Sorted());
        }

        return lists;
    }
}
