using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Enrichment;
using Monitor.Pipeline;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Model;

/// <summary>
/// <c>rescore</c>: after a model or watch-list change, scores every stored item and comment again
/// with the models and watch-lists monitor.yaml names. New assessments carry the new model version
/// beside the old ones; flags already raised are not duplicated.
/// </summary>
internal static class RescoreCommand
{
    public static Command Create()
    {
        var command = new Command("rescore", "Score every stored item and comment again with the current models and watch-lists");
        command.SetAction((parse, cancellationToken) => RunAsync(CommandContext.From(parse), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pipelines = context.LoadPipelines();
        if (!pipelines.IsValid)
        {
            context.WriteProblems(pipelines.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        var settings = pipelines.Configuration!.Settings;
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSqliteStore(context.DbPath(pipelines));
        try
        {
            services.AddLanguage(LanguageOptions.From(settings.Language, context.PipelinesFolder));
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or Monitor.Language.ModelFormatException)
        {
            await context.Error.WriteLineAsync(e.Message);
            return ExitCodes.InvalidConfiguration;
        }

        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IContentStore>();
        try
        {
            using var writer = StoreWriterLock.Acquire(context.DbPath(pipelines), "rescore");
            await store.InitializeAsync(cancellationToken);
            var summary = await new Rescorer(provider.GetServices<IContentEnricher>(), store).RescoreAsync(cancellationToken: cancellationToken);
            var versions = string.Join(", ", provider.GetServices<Monitor.Language.ITextClassifier>().Select(c => c.ModelVersion));
            await context.Output.WriteLineAsync(
                $"rescored {summary.Items} items and {summary.Comments} comments with {versions}: {summary.Assessments} assessments, {summary.Flags} new flags");
            return ExitCodes.Ok;
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
    }
}
