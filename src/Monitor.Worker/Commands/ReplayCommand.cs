using System.CommandLine;
using Monitor.Configuration;
using Monitor.Replay.Elasticsearch;
using Monitor.Replay.Platforms;
using Monitor.Replay.Websites;
using Monitor.Worker.Demo;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>replay</c>: starts the replay station sites and platform APIs on 127.0.0.1, writes a copy of
/// <c>pipelines/</c> aimed at them to <c>--pipelines-out</c> (plus <c>replay.env</c> with the replay's
/// made-up tokens), prints the addresses and serves until stopped, so the <c>run</c> daemon (one
/// worker or several) can be watched working offline.
/// </summary>
internal static class ReplayCommand
{
    public static Option<string> PipelinesOut { get; } = new("--pipelines-out")
    {
        Description = "Folder to write the copy of pipelines/ aimed at the replay (created; files in it are replaced)",
        Required = true,
    };

    public static Option<string?> Schedule { get; } = new("--schedule")
    {
        Description = "Quartz cron every channel of the copy gets instead of its own (e.g. \"0/10 * * * * ?\" for a soak test)",
    };

    public static Option<bool> Elasticsearch { get; } = new("--elasticsearch")
    {
        Description = "Also serve the Elasticsearch stand-in on 127.0.0.1 and make it the copy's content store (store.kind: elasticsearch)",
    };

    public static Command Create()
    {
        var command = new Command("replay", "Serve the replay station sites and platform APIs on 127.0.0.1 and write a copy of pipelines/ aimed at them, until stopped (Ctrl+C)");
        command.Options.Add(PipelinesOut);
        command.Options.Add(Schedule);
        command.Options.Add(Elasticsearch);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(CommandContext.From(parse), parse.GetValue(PipelinesOut)!, parse.GetValue(Schedule), parse.GetValue(Elasticsearch), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, string pipelinesOut, string? schedule, bool elasticsearch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        if (schedule is not null && !Quartz.CronExpression.TryParse(schedule, out _))
        {
            await context.Error.WriteLineAsync($"--schedule is not a valid Quartz cron expression: '{schedule}' (six or seven fields, seconds first)");
            return ExitCodes.InvalidConfiguration;
        }

        await using var sites = await ReplayWebsites.StartAsync(cancellationToken);
        await using var platforms = await ReplayPlatforms.StartAsync(TimeProvider.System, cancellationToken);
        await using var standIn = elasticsearch ? await ReplayElasticsearch.StartAsync(cancellationToken) : null;
        var copy = ReplayPipelines.Write(context.PipelinesFolder, pipelinesOut, sites.Sites, platforms, schedule, standIn?.Url);

        // The copy must itself be a valid configuration; otherwise a `run` against it would only say so later.
        var check = PipelineLoader.Load(pipelinesOut);
        if (!check.IsValid)
        {
            context.WriteProblems(check.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        var output = context.Output;
        await output.WriteLineAsync($"Replay station sites ({sites.Sites.Count}, {sites.ArticleCount} articles):");
        foreach (var (host, url) in sites.Sites.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"  {host,-28} {url}");
        }

        await output.WriteLineAsync("Replay platform APIs:");
        foreach (var (platform, url) in platforms.BaseUrls.OrderBy(p => p.Key))
        {
            await output.WriteLineAsync($"  {platform.ToString().ToLowerInvariant(),-28} {url}");
        }

        if (standIn is not null)
        {
            await output.WriteLineAsync($"Elasticsearch stand-in: {standIn.Url} (the copy's content store)");
        }

        await output.WriteLineAsync($"Pipelines aimed at the replay: {Path.GetFullPath(pipelinesOut)} ({check.Configuration!.ChannelCount} channels of {copy.Stations} stations)");
        await output.WriteLineAsync($"Replay tokens: {Path.GetFullPath(copy.EnvFile)} (source it before `run`: set -a; . {copy.EnvFile}; set +a)");
        await output.WriteLineAsync("Serving until Ctrl+C.");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("Replay stopped.");
        }

        return ExitCodes.Ok;
    }
}
