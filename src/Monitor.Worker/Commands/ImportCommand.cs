using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Transfer;
using Monitor.Worker.Hosting;
using Monitor.Worker.Output;
using Serilog.Events;
using Spectre.Console;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>import FILE.ndjson</c>: history from another tool or another store, through the same save path as
/// collection (ids dedupe, enrichers run, flags raised), in batches, resumable after a kill, with a
/// progress display and a summary. A bad line is reported with its number and skipped.
/// </summary>
internal static class ImportCommand
{
    public static Argument<FileInfo> File { get; } = new("file") { Description = "The NDJSON file: one item, observation or comment object per line" };

    public static Command Create()
    {
        var command = new Command("import", "Import items, observations and comments from an NDJSON file (resumes an interrupted import of the same file)");
        command.Arguments.Add(File);
        command.SetAction((parseResult, cancellationToken) => RunAsync(CommandContext.From(parseResult), parseResult.GetValue(File)!, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, FileInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(file);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        if (!file.Exists)
        {
            await context.Error.WriteLineAsync($"There is no file '{file.FullName}' to import.");
            return ExitCodes.InvalidConfiguration;
        }

        var configuration = pipelines.Configuration!;
        var dbPath = context.DbPath(pipelines);
        var console = Terminal.For(context.Output);
        try
        {
            using var writer = StoreWriterLock.Acquire(dbPath, "import");
            await using var services = new ServiceCollection()
                .AddMonitorWorker(configuration, dbPath, LogEventLevel.Warning)
                .AddNdjsonImport()
                .BuildServiceProvider();
            await services.GetRequiredService<IContentStore>().InitializeAsync(cancellationToken);
            var importer = services.GetRequiredService<NdjsonImporter>();
            var stations = configuration.Stations.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var channels = configuration.Stations.SelectMany(s => s.Channels).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var summary = await ShowProgressAsync(console, Terminal.IsInteractive(context.Output), file, progress =>
                importer.ImportAsync(file.FullName, stations, channels, progress, cancellationToken));
            Write(context.Output, file, summary);
            return ExitCodes.Ok;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("Stopped. Every batch stored so far is kept; run the same import again to continue where it stopped.");
            return ExitCodes.Cancelled;
        }
    }

    private static async Task<ImportSummary> ShowProgressAsync(IAnsiConsole console, bool interactive, FileInfo file, Func<IProgress<ImportProgress>, Task<ImportSummary>> import)
    {
        if (!interactive)
        {
            return await import(new PlainLines(console, file.Name));
        }

        ImportSummary? summary = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(file.Name), maxValue: Math.Max(1, file.Length));
                summary = await import(new LiveBar(task, file.Name));
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void Write(TextWriter output, FileInfo file, ImportSummary summary)
    {
        var rate = summary.Elapsed.TotalSeconds > 0 ? summary.Items / summary.Elapsed.TotalSeconds : 0;
        if (summary.ResumedAtLine > 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Continued an interrupted import of {file.Name} at line {summary.ResumedAtLine}."));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {file.Name}: {summary.LinesRead} lines read; {summary.Items} items ({summary.NewItems} new), {summary.Observations} observations, {summary.Comments} comments stored, {summary.Flags} flags raised; {summary.BadLineCount} bad lines skipped; {summary.Elapsed.TotalSeconds:0.0} s ({rate:0} items/s)."));
        foreach (var bad in summary.BadLines)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  line {bad.LineNumber}: {bad.Problem}"));
        }

        if (summary.BadLineCount > summary.BadLines.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {summary.BadLineCount - summary.BadLines.Count} more bad lines."));
        }

        if (summary.UnknownStations.Count > 0)
        {
            output.WriteLine($"Stations not in pipelines/ (their items were imported): {string.Join(", ", summary.UnknownStations)}");
        }

        if (summary.UnknownChannels.Count > 0)
        {
            output.WriteLine($"Channels not in pipelines/ (their items were imported): {string.Join(", ", summary.UnknownChannels)}");
        }
    }

    private sealed class LiveBar(ProgressTask task, string name) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            task.Value = value.BytesRead;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name}: {value.Items} items, {value.Observations} observations, {value.Comments} comments"));
        }
    }

    /// <summary>Redirected output and CI: a line at every tenth of the file.</summary>
    private sealed class PlainLines(IAnsiConsole console, string name) : IProgress<ImportProgress>
    {
        private long nextTenth = 1;

        public void Report(ImportProgress value)
        {
            if (value.TotalBytes <= 0 || value.BytesRead * 10 < nextTenth * value.TotalBytes)
            {
                return;
            }

            nextTenth = (value.BytesRead * 10 / value.TotalBytes) + 1;
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {value.BytesRead * 100 / value.TotalBytes}% ({value.Items} items, {value.Observations} observations, {value.Comments} comments)"));
        }
    }
}
