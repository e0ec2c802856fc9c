using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Enrichment;
using Monitor.Pipeline;
using Monitor.Replay.Platforms;
using Monitor.Replay.Websites;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Commands.Setup;
using Monitor.Worker.Demo;
using Monitor.Worker.Hosting;
using Monitor.Worker.Output;
using Serilog.Events;
using Spectre.Console;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>demo</c>: starts the project's replay station sites on 127.0.0.1, points a copy of the real
/// configuration at them, runs one full cycle into ./data/demo.db (or --db) with a progress
/// display, and prints the stats table. Nothing outside 127.0.0.1 is contacted.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultDbPath = "data/demo.db";

    public static Command Create()
    {
        var command = new Command("demo", "Collect the project's own replay station sites (on 127.0.0.1) into ./data/demo.db and print the stats table");
        command.Options.Add(Store);
        command.Options.Add(Serve);
        ElasticsearchConnection.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(CommandContext.From(parseResult), cancellationToken, ElasticsearchStoreFor(parseResult), parseResult.GetValue(Serve)));
        return command;
    }

    /// <summary><c>--serve</c>: after the demo, keep the dashboard open on the demo store until Ctrl+C.</summary>
    private static Option<bool> Serve { get; } = new("--serve") { Description = "After the demo, serve the dashboard on the demo store (http://127.0.0.1:5080) until Ctrl+C" };

    /// <summary><c>--store elasticsearch --es-url URL</c>: the same demo into any Elasticsearch 8/9 (or the stand-in).</summary>
    private static Option<string> Store { get; } = CreateStoreOption();

    private static Option<string> CreateStoreOption()
    {
        var option = new Option<string>("--store") { Description = "Where the demo writes: sqlite (default, --db) or elasticsearch (--es-url)", DefaultValueFactory = _ => "sqlite" };
        option.AcceptOnlyFromAmong("sqlite", "elasticsearch");
        return option;
    }

    private static ElasticsearchSettings? ElasticsearchStoreFor(ParseResult parse) =>
        parse.GetValue(Store) != "elasticsearch" ? null : new ElasticsearchSettings
        {
            Url = parse.GetValue(ElasticsearchConnection.Url),
            ApiKeyEnv = parse.GetValue(ElasticsearchConnection.ApiKeyEnv),
            UsernameEnv = parse.GetValue(ElasticsearchConnection.UsernameEnv),
            PasswordEnv = parse.GetValue(ElasticsearchConnection.PasswordEnv),
            CaCertificatePath = parse.GetValue(ElasticsearchConnection.CaCertificate),
        };

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken, ElasticsearchSettings? elasticsearch = null, bool serve = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        if (elasticsearch is { Url: null })
        {
            await context.Error.WriteLineAsync("demo --store elasticsearch needs --es-url (or MONITOR_ES_URL).");
            return ExitCodes.InvalidConfiguration;
        }

        var dbPath = context.DbOverride ?? DefaultDbPath;
        var console = Terminal.For(context.Output);
        var interactive = Terminal.IsInteractive(context.Output);
        await using var sites = await ReplayWebsites.StartAsync(cancellationToken);
        var clock = new DemoClock();
        await using var platforms = await ReplayPlatforms.StartAsync(clock, cancellationToken);
        var configuration = SocialDemo.AddSocialChannels(pipelines.Configuration!, DemoConfiguration.PointAtReplays(pipelines.Configuration!, sites.Sites), platforms);
        if (elasticsearch is not null)
        {
            configuration = configuration with { Settings = configuration.Settings with { Store = new StoreSettings { Kind = StoreKind.Elasticsearch, Elasticsearch = elasticsearch } } };
        }

        configuration = DemoAlerts.WithFolderOnly(configuration, dbPath);
        var storeName = elasticsearch?.Url?.ToString() ?? Path.GetFullPath(dbPath);
        var realOrigins = DemoConfiguration.RealOrigins(pipelines.Configuration!, sites.Sites);
        console.WriteLine(($"Replay sites: {sites.Sites.Count} stations, {sites.ArticleCount} articles on 127.0.0.1. Collecting {configuration.ChannelCount} channels into {storeName}"));
        console.WriteLine(($"Replay platforms (YouTube, Facebook, TikTok, Zalo): {platforms.Catalog.Accounts.Count} accounts on 127.0.0.1; social channels are observed again at +1, +2, +3, +6, +12, +24 and +48 h of a demo clock."));

        // The progress display owns the terminal; the console log shows only warnings (the file has everything).
        var consoleLevel = interactive ? LogEventLevel.Error : LogEventLevel.Warning;
        int exitCode;
        try
        {
            using var writer = StoreWriterLock.Acquire(dbPath, "demo");
            await using var services = new ServiceCollection()
                .AddSingleton<TimeProvider>(clock)
                .AddMonitorWorker(configuration, dbPath, consoleLevel)
                .AddLanguageTally()
                .WithRealAddresses(realOrigins)
                .BuildServiceProvider();
            var store = services.GetRequiredService<IContentStore>();
            await store.InitializeAsync(cancellationToken);
            var cycle = services.GetRequiredService<CollectionCycle>();
            var summary = await DemoProgress.RunAsync(console, interactive, configuration, progress => cycle.RunAsync(configuration, progress, cancellationToken));
            CycleReport.Write(context.Output, summary);
            var laterRoundsSucceeded = await SocialDemo.RunLaterRoundsAsync(cycle, SocialDemo.SocialOnly(configuration), clock, context.Output, cancellationToken);
            StatsTable.Write(console, await store.GetStatsAsync(cancellationToken), storeName);
            var tally = services.GetRequiredService<LanguageTally>();
            await context.Output.WriteAsync(tally.Labels.Count > 0
                ? "Language (this run)" + Environment.NewLine + tally.Format()
                : "Language (this run): nothing new to classify. Stored items and comments were classified when first collected;"
                    + " their flags are the Flagged column above, and `rescore` classifies them again." + Environment.NewLine);
            await SocialDemo.WriteLeaderboardAsync(store, configuration, dbPath, context.Output, cancellationToken);
            if (services.GetService<Alerts.Outbox.IAlertOutbox>() is { } outbox)
            {
                await DemoAlerts.WriteAsync(outbox, services.GetRequiredService<Alerts.Outbox.AlertDispatcher>(), dbPath, context.Output, cancellationToken);
            }

            exitCode = summary.AllSucceeded && laterRoundsSucceeded ? ExitCodes.Ok : ExitCodes.SourcesFailed;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }

        // The writer lock and the collection services are released above: the dashboard only reads and triages.
        await DemoDashboard.WriteHowToOpenAsync(context, dbPath, configuration.Settings.Web.Listen, cancellationToken);
        if (serve)
        {
            var served = await ServeCommand.ServeAsync(context, new Web.WebDashboardOptions(configuration, dbPath, configuration.Settings.Web.Listen), cancellationToken);
            return served == ExitCodes.Ok ? exitCode : served;
        }

        return exitCode;
    }
}
