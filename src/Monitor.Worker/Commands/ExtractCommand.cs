using System.CommandLine;
using Monitor.Worker.Commands.Extract;

namespace Monitor.Worker.Commands;

/// <summary><c>extract --in DIR --out DIR [--url-map FILE]</c>: one JSON file of article fields per saved HTML page.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var input = new Option<DirectoryInfo>("--in")
        {
            Description = "Folder of saved pages (NAME.html)",
            Required = true,
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Folder for the results (NAME.json); created if missing",
        };
        var urlMap = new Option<FileInfo?>("--url-map")
        {
            Description = "Page addresses: a JSON object {\"NAME\": \"URL\"} or lines \"NAME<TAB>URL\"; resolves relative links",
        };
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Pages larger than this many bytes are skipped (default: the crawler's 5 MB response cap)",
            DefaultValueFactory = _ => SavedPage.DefaultMaxBytes,
        };
        var parseOnly = new Option<bool>("--parse-only")
        {
            Description = "Only parse each page with HtmlAgilityPack and write nothing (the benchmark's speed floor)",
            Hidden = true,
        };

        var command = new Command("extract", "Extract article body, title, author, publish time, language and page kind from saved HTML pages");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(urlMap);
        command.Options.Add(maxBytes);
        command.Options.Add(parseOnly);
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var inDir = parseResult.GetValue(input)!;
            var outDir = parseResult.GetValue(output);
            var only = parseResult.GetValue(parseOnly);
            if (!inDir.Exists)
            {
                error.WriteLine($"extract: input folder '{inDir.FullName}' does not exist.");
                return 2;
            }

            if (outDir is null && !only)
            {
                error.WriteLine("extract: --out is required (unless --parse-only).");
                return 2;
            }

            var limit = parseResult.GetValue(maxBytes);
            if (limit <= 0)
            {
                error.WriteLine("extract: --max-bytes must be a positive number of bytes.");
                return 2;
            }

            if (!only && OutputProblem(outDir!) is { } problem)
            {
                error.WriteLine($"extract: cannot write results to '{outDir!.FullName}': {problem}");
                return 2;
            }

            IReadOnlyDictionary<string, Uri> urls;
            try
            {
                urls = parseResult.GetValue(urlMap) is { } mapFile ? UrlMap.Load(mapFile) : new Dictionary<string, Uri>();
            }
            catch (FormatException ex)
            {
                error.WriteLine($"extract: {ex.Message}");
                return 2;
            }

            var summary = only
                ? PageBatchExtractor.ParseOnly(inDir, limit)
                : PageBatchExtractor.Run(inDir, outDir!, urls, limit);
            parseResult.InvocationConfiguration.Output.WriteLine(summary.Describe(only ? "parsed" : "extracted"));
            return summary.Pages == 0 && summary.Failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Why results cannot be written to <paramref name="folder"/> (checked once, before any page is read), or null.</summary>
    internal static string? OutputProblem(DirectoryInfo folder)
    {
        try
        {
            folder.Create();
            var probe = Path.Combine(folder.FullName, $".extract-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }
}
