using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Queries;
using Monitor.Storage.Sqlite;
using Monitor.Transfer;
using Monitor.Worker.Commands.Report;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>export --format ndjson|csv [--station ID] [--cluster ID] [--platform P] [--from D] [--to D] --out PATH</c>:
/// the store's items with their observations and comments, streamed page by page (no row cap,
/// memory flat). ndjson: one file, the import format. csv: a folder with one file per entity.
/// </summary>
internal static class ExportCommand
{
    private static readonly Option<string> Format = new("--format") { Description = "ndjson (one file, the import format) or csv (a folder: items.csv, observations.csv, comments.csv)", DefaultValueFactory = _ => "ndjson" };

    private static readonly Option<string?> Station = new("--station") { Description = "Only this station's items" };

    private static readonly Option<string?> Cluster = new("--cluster") { Description = "Only the items of this cluster's stations (as pipelines/ lists them)" };

    private static readonly Option<string?> Platform = new("--platform") { Description = "Only this platform: web, youtube, facebook, tiktok or zalo" };

    private static readonly Option<string> Out = new("--out") { Description = "The file (ndjson) or folder (csv) to write", Required = true };

    public static Command Create()
    {
        var command = new Command("export", "Write the store's items, observations and comments out as ndjson (for import) or CSV (for Excel), streamed");
        command.Options.Add(Format);
        command.Options.Add(Station);
        command.Options.Add(Cluster);
        command.Options.Add(Platform);
        command.Options.Add(ReportOptions.From);
        command.Options.Add(ReportOptions.To);
        command.Options.Add(Out);
        command.SetAction((parseResult, cancellationToken) => RunAsync(CommandContext.From(parseResult), parseResult, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parseResult);
        var (from, to, error) = ReportOptions.Period(parseResult);
        var format = parseResult.GetValue(Format)!.ToLowerInvariant();
        Platform? platform = null;
        if (parseResult.GetValue(Platform) is { } platformText)
        {
            platform = PlatformNames.TryParse(platformText, out var parsed) ? parsed : null;
            error ??= platform is null ? $"--platform must be web, youtube, facebook, tiktok or zalo, not '{platformText}'" : null;
        }

        error ??= format is "ndjson" or "csv" ? null : $"--format must be ndjson or csv, not '{format}'";
        if (error is not null)
        {
            await context.Error.WriteLineAsync(error);
            return ExitCodes.InvalidConfiguration;
        }

        var loaded = context.LoadPipelines();
        var stations = new List<string>();
        if (parseResult.GetValue(Station) is { } station)
        {
            stations.Add(station);
        }

        if (parseResult.GetValue(Cluster) is { } cluster)
        {
            var members = loaded.Configuration?.Stations.Where(s => string.Equals(s.Cluster, cluster, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).ToList() ?? [];
            if (members.Count == 0)
            {
                await context.Error.WriteLineAsync($"No station in {context.PipelinesFolder} belongs to cluster '{cluster}'.");
                return ExitCodes.InvalidConfiguration;
            }

            // --station and --cluster together: that station, if it is in the cluster.
            stations = stations.Count == 0 ? members : [.. stations.Intersect(members, StringComparer.Ordinal)];
        }

        var filter = new ContentFilter(stations.Count == 0 && parseResult.GetValue(Cluster) is null ? null : stations, platform, from, to);
        var outPath = Path.GetFullPath(parseResult.GetValue(Out)!);
        await using var services = new ServiceCollection().AddSqliteStore(context.DbPath(loaded), readOnly: true).BuildServiceProvider();
        var store = services.GetRequiredService<IContentAdmin>();
        try
        {
            await store.InitializeAsync(cancellationToken);
            var export = new ContentExport(store);
            ExportSummary summary;
            if (format == "csv")
            {
                summary = await export.WriteCsvAsync(filter, outPath, cancellationToken);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
                await using var file = File.Create(outPath);
                summary = await export.WriteNdjsonAsync(filter, file, cancellationToken);
            }

            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Exported {summary.Items:N0} items, {summary.Observations:N0} observations, {summary.Comments:N0} comments to {outPath}"));
            return ExitCodes.Ok;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
    }
}
