using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage.Elasticsearch;
using Monitor.Worker.Commands.Setup;

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
            var options = ElasticsearchConnection.OptionsFrom(parse, Console.Error, Path.Combine("data", "elasticsearch-dead-letter.jsonl"));
            if (options is null)
            {
                return 2;
            }

            try
            {
                using var http = new HttpClient(ElasticsearchHttpHandler.Create(options));
                var parts = ElasticsearchStoreRegistration.Create(options, http, TimeProvider.System, NullLoggerFactory.Instance);
                var cluster = await parts.Cluster.CheckAsync(cancellationToken);
                Console.WriteLine($"Elasticsearch {cluster.Version} at {options.Url}");
                foreach (var step in await parts.Setup.InstallAsync(cancellationToken))
                {
                    Console.WriteLine($"  {step.Kind,-12} {step.Name,-26} {step.Outcome}");
                }

                return 0;
            }
            catch (Exception exception) when (exception is ElasticsearchException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                Console.Error.WriteLine(exception.Message);
                return 1;
            }
        });
        return command;
    }

    private static Command Kibana()
    {
        var url = new Option<Uri>("--url") { Description = "Kibana URL, e.g. http://localhost:5601", Required = true };
        var folder = new Option<string>("--dashboards") { Description = "Folder of saved-object .ndjson files", DefaultValueFactory = _ => Path.Combine("dashboards", "kibana") };
        var wait = new Option<int>("--wait-seconds") { Description = "How long to wait for Kibana to report itself available", DefaultValueFactory = _ => 120 };
        var command = new Command("kibana", "Import the dashboards through the saved-objects API (overwrite) and report every object that failed");
        command.Options.Add(url);
        command.Options.Add(folder);
        command.Options.Add(wait);
        command.Options.Add(ElasticsearchConnection.ApiKeyEnv);
        command.Options.Add(ElasticsearchConnection.UsernameEnv);
        command.Options.Add(ElasticsearchConnection.PasswordEnv);
        command.Options.Add(ElasticsearchConnection.CaCertificate);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var kibana = parse.GetValue(url)!;
            var options = new ElasticsearchOptions
            {
                Url = kibana,
                ApiKeyEnv = parse.GetValue(ElasticsearchConnection.ApiKeyEnv),
                UsernameEnv = parse.GetValue(ElasticsearchConnection.UsernameEnv),
                PasswordEnv = parse.GetValue(ElasticsearchConnection.PasswordEnv),
                CaCertificatePath = parse.GetValue(ElasticsearchConnection.CaCertificate),
            };
            try
            {
                using var http = new HttpClient(ElasticsearchHttpHandler.Create(options));
                var importer = new KibanaImporter(http, ElasticsearchCredentials.FromEnvironment(options), TimeProvider.System);
                var report = await importer.ImportAsync(kibana, parse.GetValue(folder)!, TimeSpan.FromSeconds(parse.GetValue(wait)), cancellationToken);
                Console.WriteLine($"Kibana at {kibana}: {report.Imported} saved object(s) imported.");
                foreach (var error in report.Errors)
                {
                    Console.Error.WriteLine($"  FAILED {error.File}: {error.Type} {error.Id} ({error.Title}): {error.Error}");
                }

                return report.Success ? 0 : 1;
            }
            catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or ElasticsearchException)
            {
                Console.Error.WriteLine(exception.Message);
                return 1;
            }
        });
        return command;
    }
}
