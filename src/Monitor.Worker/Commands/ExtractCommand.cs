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
        var parseOnly = new Option<bool>("--parse-only")
        {
            Description = "Only parse each page with HtmlAgilityPack and write nothing (the benchmark's speed floor)",
            Hidden = true,
        };

        var command = new Command("extract", "Extract article body, title, author, publish time, language and page kind from saved HTML pages");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(urlMap);
        command.Options.Add(parseOnly);
        command.SetAction(parseResult =>
        {
            var inDir = parseResult.GetValue(input)!;
            var outDir = parseResult.GetValue(output);
            var only = parseResult.GetValue(parseOnly);
            if (!inDir.Exists)
            {
                Console.Error.WriteLine($"extract: input folder '{inDir.FullName}' does not exist.");
                return 2;
            }

            if (outDir is null && !only)
            {
                Console.Error.WriteLine("extract: --out is required (unless --parse-only).");
                return 2;
            }

            IReadOnlyDictionary<string, Uri> urls;
            try
            {
                urls = parseResult.GetValue(urlMap) is { } mapFile ? UrlMap.Load(mapFile) : new Dictionary<string, Uri>();
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine($"extract: {ex.Message}");
                return 2;
            }

            var summary = only
                ? PageBatchExtractor.ParseOnly(inDir)
                : PageBatchExtractor.Run(inDir, outDir!, urls);
            Console.WriteLine(summary.Describe(only ? "parsed" : "extracted"));
            return summary.Pages == 0 && summary.Failed > 0 ? 1 : 0;
        });
        return command;
    }
}
