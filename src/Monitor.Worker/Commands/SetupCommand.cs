using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage.Elasticsearch;
using Monitor.Worker.Commands.Setup;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands;

/// <summary><c>setup elasticsearch</c> (templates, ILM, aliases, data streams) and <c>setup kibana</c> (dashboards).</summary>
internal static class SetupCommand
{
    public static Command Create()
    {
        var command = new Command("setup", "Prepare Elasticsearch and Kibana for the scaled-out store (safe to run again)");
        command.Subcommands.Add(Elasticsearch());
        command.Subcommands.Add(Kibana());
        return command;
    }

    private static Command Elasticsearch()
    {
        var command = new Command("elasticsearch", "Check the version and health, then install templates, the ILM policy, aliases and data streams");
        ElasticsearchConnection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = CommandContext.From(parse);
            var options = ElasticsearchConnection.Resolve(parse, context);
            if (options is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            try
            {
                var parts = ElasticsearchStoreRegistration.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
                var cluster = await parts.Cluster.CheckAsync(cancellationToken);
                context.Output.WriteLine($"Elasticsearch {cluster.Version} at {string.Join(", ", options.Urls)}");
                foreach (var step in await parts.Setup.InstallAsync(cancellationToken))
                {
                    context.Output.WriteLine($"  {step.Kind,-12} {step.Name,-26} {step.Outcome}");
                }

                return ExitCodes.Ok;
            }
            catch (Exception exception) when (exception is ElasticsearchException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                context.Error.WriteLine(exception.Message);
                return ExitCodes.StoreUnavailable;
            }
        });
        return command;
    }

    private static Command Kibana()
    {
        var url = ElasticsearchConnection.UrlOption("--url", "Kibana URL, e.g. http://localhost:5601");
        url.Required = true;
        var folder = new Option<string>("--dashboards") { Description = "Folder of saved-object .ndjson files", DefaultValueFactory = _ => Path.Combine("dashboards", "kibana") };
        var wait = new Option<int>("--wait-seconds") { Description = "How long to wait for Kibana to report itself available", DefaultValueFactory = _ => 120 };
        var command = new Command("kibana", "Import the dashboards through the saved-objects API (overwrite) and report every object that failed");
        command.Options.Add(url);
        command.Options.Add(folder);
        command.Options.Add(wait);
        ElasticsearchConnection.AddTo(command, includeUrl: false);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = CommandContext.From(parse);
            var kibana = parse.GetValue(url)!;

            // Kibana takes the same credentials as Elasticsearch (an API key or the kibana user).
            var options = ElasticsearchConnection.Resolve(parse, context, kibana)!;
            try
            {
                using var http = new HttpClient(CertificateTrust.Handler(options));
                var importer = new KibanaImporter(http, ElasticsearchCredentials.HeaderFromEnvironment(options), TimeProvider.System);
                var report = await importer.ImportAsync(kibana, parse.GetValue(folder)!, TimeSpan.FromSeconds(parse.GetValue(wait)), cancellationToken);
                context.Output.WriteLine($"Kibana at {kibana}: {report.Imported} saved object(s) imported.");
                foreach (var error in report.Errors)
                {
                    context.Error.WriteLine($"  FAILED {error.File}: {error.Type} {error.Id} ({error.Title}): {error.Error}");
                }

                if (!report.Success)
                {
                    context.Error.WriteLine($"{report.Errors.Count} saved object(s) failed to import.");
                }

                return report.Success ? ExitCodes.Ok : ExitCodes.SourcesFailed;
            }
            catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or ElasticsearchException)
            {
                context.Error.WriteLine(exception.Message);
                return ExitCodes.StoreUnavailable;
            }
        });
        return command;
    }
}
