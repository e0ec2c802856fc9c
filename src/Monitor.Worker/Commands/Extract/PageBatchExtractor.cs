using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monitor.Extraction;

namespace Monitor.Worker.Commands.Extract;

/// <summary>
/// How a batch went: pages done, pages skipped, and the wall-clock and CPU time of the work itself
/// (CPU time too, because on a shared machine the wall clock also measures the neighbours).
/// </summary>
internal sealed record BatchSummary(int Pages, int Failed, TimeSpan Elapsed, TimeSpan CpuTime)
{
    public double PagesPerSecond => Elapsed.TotalSeconds > 0 ? Pages / Elapsed.TotalSeconds : 0;

    public double PagesPerCpuSecond => CpuTime.TotalSeconds > 0 ? Pages / CpuTime.TotalSeconds : 0;

    public string Describe(string verb) => string.Create(CultureInfo.InvariantCulture,
        $"{verb} {Pages} pages ({Failed} skipped) in {Elapsed.TotalSeconds:F2} s on {Environment.ProcessorCount} cores: {PagesPerSecond:F1} pages/s ({PagesPerCpuSecond:F1} pages/cpu-s)");
}

/// <summary>Runs the extractor over a folder of saved pages, in parallel on all cores; a bad page is reported and skipped.</summary>
internal static class PageBatchExtractor
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static BatchSummary Run(DirectoryInfo input, DirectoryInfo output, IReadOnlyDictionary<string, Uri> urls, long maxBytes = SavedPage.DefaultMaxBytes)
    {
        output.Create();
        return ForEachPage(input, (file, stem) =>
        {
            var html = SavedPage.Read(file, maxBytes);
            var pageUrl = urls.TryGetValue(stem, out var known) ? known : new Uri(Path.GetFullPath(file));
            var result = ArticleExtractor.ExtractDetailed(html, pageUrl, profile: null);
            var record = ExtractedPage.From(result);
            File.WriteAllText(Path.Combine(output.FullName, stem + ".json"), JsonSerializer.Serialize(record, JsonOptions));
        });
    }

    public static BatchSummary ParseOnly(DirectoryInfo input, long maxBytes = SavedPage.DefaultMaxBytes) => ForEachPage(input, (file, _) =>
    {
        // The same parser settings as extraction, on the whole page as saved.
        GC.KeepAlive(PageParser.Parse(SavedPage.Read(file, maxBytes)));
    });

    private static BatchSummary ForEachPage(DirectoryInfo input, Action<string, string> work)
    {
        var files = Directory.GetFiles(input.FullName, "*.html").Concat(Directory.GetFiles(input.FullName, "*.htm")).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var failures = new ConcurrentBag<string>();
        var done = 0;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            try
            {
                work(file, stem);
                Interlocked.Increment(ref done);
            }
            catch (Exception ex) when (ex is SavedPageRefusedException or MarkupLimitException)
            {
                failures.Add($"{Path.GetFileName(file)}: {ex.Message}");
            }
            catch (Exception ex)
            {
                // The batch boundary: whatever one page does wrong, it is reported and the others go on.
                failures.Add($"{Path.GetFileName(file)}: {ex.GetType().Name}: {ex.Message}");
            }
        });
        clock.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        foreach (var failure in failures.OrderBy(f => f, StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"extract: skipped {failure}");
        }

        return new BatchSummary(done, failures.Count, clock.Elapsed, cpu);
    }
}
