using Monitor.Pipeline;

namespace Monitor.Worker.Output;

/// <summary>The closing lines of <c>run --once</c> and <c>demo</c>: one per source, then the verdict.</summary>
internal static class CycleReport
{
    public static void Write(TextWriter output, CycleSummary summary)
    {
        foreach (var source in summary.Sources)
        {
            output.WriteLine(source.Succeeded
                ? $"  ok    {source.StationId}/{source.ChannelId}: {source.NewItems} new, {source.ChangedItems} changed, {source.UnchangedItems} unchanged ({source.Elapsed.TotalSeconds:0.0} s)"
                : $"  FAIL  {source.StationId}/{source.ChannelId} [{Describe(source.Outcome)}] after {source.Stored} items: {source.Error}");
        }

        var rate = summary.Elapsed.TotalSeconds > 0 ? summary.Stored / summary.Elapsed.TotalSeconds : 0;
        output.WriteLine(
            $"Cycle: {summary.Sources.Count} sources, {summary.Sources.Count - summary.Failed} ok, {summary.Failed} failed; " +
            $"{summary.NewItems} new items, {summary.Stored} stored in {summary.Elapsed.TotalSeconds:0.0} s ({rate:0.0} items/s).");
    }

    private static string Describe(SourceOutcome outcome) => outcome switch
    {
        SourceOutcome.TemporaryFailure => "temporary, retried next run",
        SourceOutcome.PermanentFailure => "permanent, needs a look",
        SourceOutcome.NoCollector => "no collector",
        SourceOutcome.Cancelled => "cancelled",
        _ => outcome.ToString(),
    };
}
