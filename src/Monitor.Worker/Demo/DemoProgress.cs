using System.Collections.Concurrent;
using Monitor.Configuration;
using Monitor.Pipeline;
using Spectre.Console;

namespace Monitor.Worker.Demo;

/// <summary>
/// Shows a cycle's progress: live bars per source on an interactive terminal, plain lines
/// (one when a source starts, one when it ends) when output is redirected or in CI.
/// </summary>
internal static class DemoProgress
{
    public static async Task<CycleSummary> RunAsync(
        IAnsiConsole console,
        bool interactive,
        PipelineConfiguration configuration,
        Func<IProgress<CollectionProgress>, Task<CycleSummary>> cycle)
    {
        if (!interactive)
        {
            return await cycle(new PlainLines(console));
        }

        CycleSummary? summary = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = configuration.Sources().ToDictionary(
                    s => s.Channel.Id,
                    s => context.AddTask(Markup.Escape($"{s.Station.Id}/{s.Channel.Id}"), autoStart: true, maxValue: double.MaxValue));
                summary = await cycle(new LiveBars(tasks));
            });
        return summary!;
    }

    /// <summary>Called on the collecting threads; Spectre's tasks are thread-safe.</summary>
    private sealed class LiveBars(Dictionary<string, ProgressTask> tasks) : IProgress<CollectionProgress>
    {
        public void Report(CollectionProgress value)
        {
            if (!tasks.TryGetValue(value.ChannelId, out var task))
            {
                return;
            }

            switch (value.Stage)
            {
                case CollectionStage.ItemStored:
                    task.Description = Markup.Escape($"{value.StationId}/{value.ChannelId}: {value.Stored} items");
                    break;
                case CollectionStage.Finished:
                    var ok = value.Summary?.Succeeded == true;
                    task.Description = ok
                        ? Markup.Escape($"{value.StationId}/{value.ChannelId}: {value.Stored} items ({value.NewItems} new)")
                        : $"[red]{Markup.Escape($"{value.StationId}/{value.ChannelId}: failed after {value.Stored} items")}[/]";
                    task.MaxValue = Math.Max(1, value.Stored);
                    task.Value = task.MaxValue;
                    task.StopTask();
                    break;
            }
        }
    }

    private sealed class PlainLines(IAnsiConsole console) : IProgress<CollectionProgress>
    {
        private readonly ConcurrentDictionary<string, int> lastReported = new(StringComparer.Ordinal);

        public void Report(CollectionProgress value)
        {
            switch (value.Stage)
            {
                case CollectionStage.Started:
                    console.WriteLine($"{value.StationId}/{value.ChannelId}: started");
                    break;
                case CollectionStage.ItemStored when value.Stored % 25 == 0 && lastReported.GetValueOrDefault(value.ChannelId) != value.Stored:
                    lastReported[value.ChannelId] = value.Stored;
                    console.WriteLine($"{value.StationId}/{value.ChannelId}: {value.Stored} items so far");
                    break;
                case CollectionStage.Finished:
                    console.WriteLine(value.Summary?.Succeeded == true
                        ? $"{value.StationId}/{value.ChannelId}: done, {value.Stored} items ({value.NewItems} new)"
                        : $"{value.StationId}/{value.ChannelId}: failed after {value.Stored} items: {value.Summary?.Error}");
                    break;
            }
        }
    }
}
