using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Reporting;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Report;

/// <summary>Loads what a report needs: the stations from pipelines/, and the store opened read-only.</summary>
internal static class ReportSource
{
    public static async Task<(PipelineConfiguration? Pipelines, ReportData? Data, int ExitCode)> LoadAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var loaded = context.LoadPipelines();
        if (loaded.Configuration is null)
        {
            context.WriteProblems(loaded.Problems);
            return (null, null, ExitCodes.InvalidConfiguration);
        }

        var dbPath = context.DbPath(loaded);
        await using var services = new ServiceCollection().AddSqliteStore(dbPath, readOnly: true).BuildServiceProvider();
        var store = services.GetRequiredService<IContentStore>();
        try
        {
            await store.InitializeAsync(cancellationToken);
            var followers = await SqliteFollowerCounts.ReadAsync(dbPath, cancellationToken);
            return (loaded.Configuration, await ReportData.ReadAsync(store, followers, cancellationToken), ExitCodes.Ok);
        }
        catch (StoreUnavailableException exception)
        {
            await context.Error.WriteLineAsync(exception.Message);
            return (null, null, ExitCodes.StoreUnavailable);
        }
    }
}
