using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Report;

/// <summary>What a report reads: the stations from pipelines/, the store's queries (opened read-only), and follower counts.</summary>
internal sealed record ReportInputs(PipelineConfiguration Pipelines, IContentQueries Queries, IReadOnlyList<FollowerCount> Followers);

/// <summary>Opens what a report needs for as long as the report runs; nothing is read into memory up front.</summary>
internal static class ReportSource
{
    public static async Task<int> RunAsync(CommandContext context, Func<ReportInputs, Task<int>> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var loaded = context.LoadPipelines();
        if (loaded.Configuration is null)
        {
            context.WriteProblems(loaded.Problems);
            return ExitCodes.InvalidConfiguration;
        }

        var dbPath = context.DbPath(loaded);
        await using var services = ReportStore.Open(context, loaded, dbPath);
        try
        {
            await services.GetRequiredService<IContentAdmin>().InitializeAsync(cancellationToken);
            var followers = await SqliteFollowerCounts.ReadAsync(dbPath, cancellationToken);
            return await report(new ReportInputs(loaded.Configuration, services.GetRequiredService<IContentQueries>(), followers));
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return ExitCodes.StoreUnavailable;
        }
    }
}
