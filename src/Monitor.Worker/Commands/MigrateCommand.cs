using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Storage;
using Monitor.Storage.Elasticsearch;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Commands.Setup;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands;

/// <summary>
/// <c>migrate --from sqlite --to elasticsearch</c>: copies the embedded store into Elasticsearch,
/// resumable through a checkpoint file, without duplicates (deterministic ids).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Source store", Required = true };
        from.AcceptOnlyFromAmong("sqlite");
        var to = new Option<string>("--to") { Description = "Target store", Required = true };
        to.AcceptOnlyFromAmong("elasticsearch");
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (default: <data folder>/migrate-elasticsearch.checkpoint.json)" };
        var restart = new Option<bool>("--restart") { Description = "Ignore an earlier checkpoint and copy everything again (still no duplicates)" };
        var command = new Command("migrate", "Copy the SQLite store into Elasticsearch (resumable, no duplicates)");
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(checkpoint);
        command.Options.Add(restart);
        ElasticsearchConnection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = CommandContext.From(parse);
            var options = ElasticsearchConnection.Resolve(parse, context);
            if (options is null)
            {
                return ExitCodes.InvalidConfiguration;
            }

            var pipelines = Directory.Exists(context.PipelinesFolder) ? context.LoadPipelines() : null;
            var dbPath = pipelines is null ? context.DbOverride ?? Path.Combine("data", "monitor.db") : context.DbPath(pipelines);
            if (!File.Exists(dbPath))
            {
                context.Error.WriteLine($"The SQLite store {Path.GetFullPath(dbPath)} does not exist; nothing to migrate.");
                return ExitCodes.StoreUnavailable;
            }

            var checkpointPath = parse.GetValue(checkpoint) ?? Path.Combine(Path.GetDirectoryName(options.DeadLetterPath) ?? "data", "migrate-elasticsearch.checkpoint.json");
            if (parse.GetValue(restart))
            {
                File.Delete(checkpointPath);
            }

            try
            {
                await using var services = new ServiceCollection().AddSqliteStore(dbPath, readOnly: true).BuildServiceProvider();
                var source = services.GetRequiredService<IContentStore>();
                await source.InitializeAsync(cancellationToken);
                var target = ElasticsearchStoreRegistration.Create(options, TimeProvider.System, NullLoggerFactory.Instance).Store;
                await target.InitializeAsync(cancellationToken);
                var progress = new ConsoleProgress(context.Error);
                var totals = await new StoreMigration(source, target, checkpointPath).RunAsync(progress, cancellationToken);
                context.Output.WriteLine($"Migrated {dbPath} into {options.Url}: " + string.Join(", ", totals.Select(t => $"{t.Value} {t.Key}")) + ".");
                context.Output.WriteLine("Flags are copied with their triage state, evidence and audit trail; assessments are not read back from SQLite by the store interface: re-run enrichment to rebuild them in Elasticsearch.");
                return ExitCodes.Ok;
            }
            catch (Exception exception) when (exception is ElasticsearchException or StoreUnavailableException or Microsoft.Extensions.Options.OptionsValidationException or InvalidDataException)
            {
                context.Error.WriteLine(exception.Message);
                context.Error.WriteLine($"Run the same command again to resume from {checkpointPath}.");
                return ExitCodes.StoreUnavailable;
            }
        });
        return command;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post after the command has returned).</summary>
    private sealed class ConsoleProgress(TextWriter writer) : IProgress<MigrationProgress>
    {
        public void Report(MigrationProgress value) => writer.WriteLine($"  {value.Phase}: {value.Copied} copied");
    }
}
