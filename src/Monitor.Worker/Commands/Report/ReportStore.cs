using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Storage.Sqlite;
using Monitor.Worker.Hosting;

namespace Monitor.Worker.Commands.Report;

/// <summary>
/// The store <c>stats</c> and the reports read: the Elasticsearch store when monitor.yaml says
/// <c>store.kind: elasticsearch</c> and no <c>--db</c> is given, else the SQLite file opened read-only.
/// </summary>
internal static class ReportStore
{
    public static ServiceProvider Open(CommandContext context, PipelineLoadResult loaded, string dbPath) =>
        UsesElasticsearch(context, loaded)
            ? new ServiceCollection().AddLogging().AddMonitorStore(loaded.Configuration!, dbPath).BuildServiceProvider()
            : new ServiceCollection().AddSqliteStore(dbPath, readOnly: true).BuildServiceProvider();

    /// <summary>What the stats header names: the file, or the Elasticsearch URL.</summary>
    public static string Describe(CommandContext context, PipelineLoadResult loaded, string dbPath) =>
        UsesElasticsearch(context, loaded) ? loaded.Configuration!.Settings.Store.Elasticsearch.Url?.ToString() ?? "Elasticsearch" : Path.GetFullPath(dbPath);

    private static bool UsesElasticsearch(CommandContext context, PipelineLoadResult loaded) =>
        context.DbOverride is null && loaded.Configuration?.Settings.Store.Kind == StoreKind.Elasticsearch;
}
