using Microsoft.Extensions.Logging;
using Monitor.Collection;
using Monitor.Domain;
using Monitor.Storage;

namespace Monitor.Pipeline;

/// <summary>
/// Runs one channel: the collector that can collect it → normaliser → every enricher in
/// registration order → store, one item at a time; once the store has acknowledged an item the
/// runner tells the collector (<see cref="CollectedItem.AcknowledgeStoredAsync"/>), so a killed run
/// never marks as done what it did not store. Failures are classified, logged once with
/// context and returned in the summary; they never escape to stop other sources. Only a store that
/// cannot be used at all (<see cref="StoreUnavailableException"/>) and the caller's cancellation do.
/// </summary>
internal sealed class CollectionRunner(
    IEnumerable<IChannelCollector> collectors,
    IEnumerable<IContentEnricher> enrichers,
    IContentStore store,
    TimeProvider clock,
    ILogger<CollectionRunner> logger,
    Alerts.Outbox.IAlertOutbox? sourceHealth = null)
{
    private readonly IReadOnlyList<IChannelCollector> collectors = [.. collectors];
    private readonly ContentSaver saver = new(enrichers, store);

    public async Task<SourceRunSummary> RunAsync(
        Station station,
        Channel channel,
        IProgress<CollectionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var summary = await RunSourceAsync(station, channel, progress, cancellationToken);

        // Source-silent and source-failing look at every run (scheduled or --once); a cancelled run or
        // one no collector handles says nothing about the source.
        if (sourceHealth is not null && summary.Outcome is not (SourceOutcome.Cancelled or SourceOutcome.NoCollector))
        {
            await sourceHealth.RecordSourceRunAsync(summary.StationId, summary.ChannelId, summary.Succeeded, summary.Error, cancellationToken);
        }

        return summary;
    }

    private async Task<SourceRunSummary> RunSourceAsync(Station station, Channel channel, IProgress<CollectionProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(channel);
        var started = clock.GetTimestamp();
        progress?.Report(new CollectionProgress(station.Id, channel.Id, CollectionStage.Started, 0, 0));
        var collector = collectors.FirstOrDefault(c => c.CanCollect(channel));
        if (collector is null)
        {
            var platform = channel.Platform.ToWire();
            CollectionRunnerLog.NoCollector(logger, station.Id, channel.Id, platform);
            return Finish(new SourceRunSummary(station.Id, channel.Id, SourceOutcome.NoCollector, 0, 0, 0, 0, 0, 0, clock.GetElapsedTime(started), $"no collector handles '{platform}' channels"), progress);
        }

        var totals = new SaveResult(0, 0, 0, 0, 0, 0);
        try
        {
            await foreach (var collected in collector.CollectAsync(station, channel, cancellationToken).WithCancellation(cancellationToken))
            {
                var result = await StoreAsync(collected, cancellationToken);
                await collected.AcknowledgeStoredAsync(cancellationToken);
                totals = Add(totals, result);
                progress?.Report(new CollectionProgress(station.Id, channel.Id, CollectionStage.ItemStored, Stored(totals), totals.NewItems));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var cancelled = Summary(station, channel, SourceOutcome.Cancelled, totals, started, "cancelled");
            CollectionRunnerLog.SourceCancelled(logger, station.Id, channel.Id, cancelled.Stored);
            return Finish(cancelled, progress);
        }
        catch (StoreUnavailableException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var outcome = FailureClassifier.Classify(exception);
            var error = FailureClassifier.Describe(exception);
            var summary = Summary(station, channel, outcome, totals, started, error);
            if (FailureClassifier.IsExpected(exception))
            {
                CollectionRunnerLog.SourceFailed(logger, station.Id, channel.Id, outcome, (long)summary.Elapsed.TotalMilliseconds, summary.Stored, summary.NewItems, error);
            }
            else
            {
                CollectionRunnerLog.SourceCrashed(logger, exception, station.Id, channel.Id, summary.Stored, error);
            }

            return Finish(summary, progress);
        }

        var succeeded = Summary(station, channel, SourceOutcome.Succeeded, totals, started, null);
        CollectionRunnerLog.SourceSucceeded(logger, station.Id, channel.Id, (long)succeeded.Elapsed.TotalMilliseconds, totals.NewItems, totals.ChangedItems, totals.UnchangedItems, totals.Observations, totals.Comments, totals.Flags);
        return Finish(succeeded, progress);
    }

    private Task<SaveResult> StoreAsync(CollectedItem collected, CancellationToken cancellationToken) =>
        saver.SaveAsync(new ContentBatch([collected.Item], collected.Observations, collected.Comments, [], []), cancellationToken);

    private SourceRunSummary Summary(Station station, Channel channel, SourceOutcome outcome, SaveResult totals, long started, string? error) =>
        new(station.Id, channel.Id, outcome, totals.NewItems, totals.ChangedItems, totals.UnchangedItems, totals.Observations, totals.Comments, totals.Flags, clock.GetElapsedTime(started), error);

    private static SourceRunSummary Finish(SourceRunSummary summary, IProgress<CollectionProgress>? progress)
    {
        progress?.Report(new CollectionProgress(summary.StationId, summary.ChannelId, CollectionStage.Finished, summary.Stored, summary.NewItems, summary));
        return summary;
    }

    private static int Stored(SaveResult totals) => totals.NewItems + totals.ChangedItems + totals.UnchangedItems;

    private static SaveResult Add(SaveResult a, SaveResult b) =>
        new(a.NewItems + b.NewItems, a.ChangedItems + b.ChangedItems, a.UnchangedItems + b.UnchangedItems, a.Observations + b.Observations, a.Comments + b.Comments, a.Flags + b.Flags);
}
