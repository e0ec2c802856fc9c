using Microsoft.Extensions.Logging;
using Monitor.Configuration;

namespace Monitor.Pipeline;

/// <summary>
/// One full cycle over every configured source (<c>run --once</c>, <c>demo</c>). Sources run a few
/// at a time; per-host politeness is the collectors' job. A failing source never stops the others.
/// </summary>
internal sealed class CollectionCycle(CollectionRunner runner, TimeProvider clock, ILogger<CollectionCycle> logger)
{
    public const int MaxParallelSources = 4;

    public async Task<CycleSummary> RunAsync(PipelineConfiguration configuration, IProgress<CollectionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var started = clock.GetTimestamp();
        var sources = configuration.Sources().ToList();
        var results = new SourceRunSummary[sources.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, sources.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSources, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await runner.RunAsync(sources[index].Station, sources[index].Channel, progress, token));
        var summary = new CycleSummary(results, clock.GetElapsedTime(started));
        CollectionRunnerLog.CycleFinished(logger, (long)summary.Elapsed.TotalMilliseconds, summary.Sources.Count, summary.Failed, summary.NewItems, summary.Stored);
        return summary;
    }
}
