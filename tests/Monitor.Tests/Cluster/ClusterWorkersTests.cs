using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Replay.Elasticsearch;
using Monitor.Replay.Platforms;
using Monitor.Replay.Websites;
using Monitor.Storage.Elasticsearch;
using Monitor.Tests.Support;
using Monitor.Worker.Demo;
using Npgsql;

namespace Monitor.Tests.Cluster;

/// <summary>
/// Three real worker processes (<c>dotnet Monitor.Worker.dll run</c>) on one schedule in a real
/// PostgreSQL, collecting the replay sites and platform APIs (in this process) into the
/// Elasticsearch stand-in. Short check-in interval and a 2-second cron keep it to about a minute.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterWorkersTests(PostgresFixture postgres) : IAsyncLifetime, IDisposable
{
    private const string Cron = "0/2 * * * * ?";
    private const int YouTubeBudget = 10;
    private static readonly string[] KeptStations = ["thai-nguyen", "cao-bang", "lang-son"];

    private readonly TempFolder temp = new();
    private readonly List<WorkerProcess> workers = [];
    private ReplayWebsites? sites;
    private ReplayPlatforms? platforms;
    private ReplayElasticsearch? elasticsearch;

    public async Task InitializeAsync()
    {
        sites = await ReplayWebsites.StartAsync();
        platforms = await ReplayPlatforms.StartAsync(TimeProvider.System);
        elasticsearch = await ReplayElasticsearch.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in workers)
        {
            worker.Dispose();
        }

        await elasticsearch!.DisposeAsync();
        await platforms!.DisposeAsync();
        await sites!.DisposeAsync();
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Run_ThreeWorkersKillOneAndRestartPostgres_EachFireOnceAndEveryItemOnce()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("cluster");
        var pipelines = WritePipelines("pipelines", Cron);
        await InstallElasticsearchAsync();
        var env = Environment(pipelines, connection);
        var metricsPorts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            metricsPorts.Add(FreePort());
            workers.Add(WorkerProcess.Start(temp.Path, env, "run", "--pipelines", pipelines, "--metrics", $"http://127.0.0.1:{metricsPorts[i]}"));
        }

        await using var data = NpgsqlDataSource.Create(connection);

        // kill -9 the worker in the middle of a website run (the first cycle's are the long ones).
        var running = await WaitForAsync(() => UnfinishedWebRunAsync(data), TimeSpan.FromSeconds(90), "a website run in progress");
        var victim = workers.Single(w => running.Instance.Contains($"-{w.ProcessId}-", StringComparison.Ordinal));
        victim.Kill();

        // Another worker takes that very fire over once the killed worker's check-in and heartbeat are stale.
        // Quartz answers it one of two ways, depending on how far the killed worker's fired-trigger row had
        // got: a recovery trigger (the run says recovering and answers the fire it recovers), or the trigger
        // released back to the schedule and fired again for the same time (seen in a fresh-clone CI run). How
        // long the run then takes is the site's business; every item stored once is checked at the end.
        try
        {
            await WaitForAsync(
                () => ScalarAsync<string>(data, "SELECT instance FROM monitor_job_runs WHERE channel_id = $1 AND scheduled_at = $2 AND instance <> $3 ORDER BY started_at LIMIT 1",
                    running.Channel, running.ScheduledAt, running.Instance),
                TimeSpan.FromSeconds(60), $"another worker's run of {running.Channel}'s fire at {running.ScheduledAt:O} (killed {running.Instance})");
        }
        catch (TimeoutException timeout)
        {
            var runs = await ScalarAsync<string>(data, """
                SELECT string_agg(scheduled_at::text || ' ' || instance || ' recovering=' || recovering || ' ' || started_at::text || ' → ' || COALESCE(finished_at::text, '…'), E'\n' ORDER BY started_at)
                FROM monitor_job_runs WHERE channel_id = $1
                """, running.Channel);
            throw new TimeoutException($"{timeout.Message}{System.Environment.NewLine}Runs of {running.Channel}:{System.Environment.NewLine}{runs}", timeout);
        }

        // PostgreSQL restarted mid-run: both survivors reconnect and finish runs they started afterwards.
        await postgres.Server.RestartAsync();
        var restartedAt = TimeProvider.System.GetUtcNow();
        var survivors = await WaitForAsync(
            async () =>
            {
                var n = await ScalarAsync<long>(data, "SELECT count(DISTINCT instance) FROM monitor_job_runs WHERE started_at > $1 AND finished_at IS NOT NULL", restartedAt);
                return n >= 2 ? n : 0;
            },
            TimeSpan.FromSeconds(60), "runs finished by both survivors after the restart");
        survivors.ShouldBe(2);

        // Wait for the first full cycle of every website to be stored before stopping.
        var expectedArticles = KeptStations.Sum(ArticlesOf);
        await WaitForAsync(() => Task.FromResult(WebItemCount() >= expectedArticles ? 1 : 0), TimeSpan.FromSeconds(90), $"{expectedArticles} web items stored");

        var live = workers.Where(w => !w.HasExited).ToList();
        var port = metricsPorts[workers.IndexOf(live[0])];
        using var http = new HttpClient();

        // Healthy once it has checked in again after the restart (within the liveness window).
        var healthBody = await WaitForAsync(
            async () =>
            {
                using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                return health.StatusCode == HttpStatusCode.OK ? await health.Content.ReadAsStringAsync() : null;
            },
            TimeSpan.FromSeconds(30), "a healthy /health");
        healthBody.ShouldContain("\"inCluster\":true");
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        metrics.ShouldContain("monitor_channel_runs");

        foreach (var worker in live)
        {
            worker.Terminate();
        }

        foreach (var worker in live)
        {
            (await worker.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, worker.Output);
        }

        // Each fire of each channel ran (to its end) at most once across the cluster.
        var duplicates = await ScalarAsync<string>(data, """
            SELECT string_agg(r.channel_id || ' ' || r.scheduled_at::text || ' ' || r.instance || ' recovering=' || r.recovering
                              || ' ' || r.started_at::text || ' → ' || r.finished_at::text || ' ' || r.outcome, E'\n' ORDER BY r.started_at)
            FROM monitor_job_runs r
            JOIN (SELECT channel_id, scheduled_at FROM monitor_job_runs WHERE finished_at IS NOT NULL
                  GROUP BY channel_id, scheduled_at HAVING count(*) > 1) d USING (channel_id, scheduled_at)
            """);
        duplicates.ShouldBeNull($"restarted at {restartedAt:O}");
        (await ScalarAsync<long>(data, "SELECT count(DISTINCT instance) FROM monitor_job_runs")).ShouldBe(3);

        // Every article of every kept site stored, none twice (a duplicate id shows as id#index).
        var items = elasticsearch!.Documents(ElasticsearchIndices.Items);
        items.Keys.ShouldAllBe(k => !k.Contains('#', StringComparison.Ordinal));
        items.Values.Count(d => (string?)d["platform"] == "web").ShouldBe(expectedArticles);
        elasticsearch.Documents(ElasticsearchIndices.Observations).Keys.ShouldAllBe(k => !k.Contains('#', StringComparison.Ordinal));

        // The YouTube budget is counted across workers and never passed.
        var youtubeUnits = await ScalarAsync<long>(data, "SELECT COALESCE(max(units), 0) FROM social_quota WHERE quota_key LIKE 'youtube-quota:%'");
        youtubeUnits.ShouldBeInRange(1, YouTubeBudget);
    }

    [Fact]
    public async Task Run_WorkerWithAnotherSchedule_RefusedWhileTheClusterRuns()
    {
        var connection = await postgres.Server.CreateDatabaseAsync("refuse");
        var pipelines = WritePipelines("pipelines", "0 0/30 * * * ?");
        var other = WritePipelines("other", "0 0/5 * * * ?");
        await InstallElasticsearchAsync();
        await using var data = NpgsqlDataSource.Create(connection);
        var first = WorkerProcess.Start(temp.Path, Environment(pipelines, connection), "run", "--pipelines", pipelines);
        workers.Add(first);
        await WaitForAsync(() => ScalarAsync<long>(data, "SELECT count(*) FROM qrtz_scheduler_state"), TimeSpan.FromSeconds(60), "the first worker to check in");

        var second = WorkerProcess.Start(temp.Path, Environment(other, connection), "run", "--pipelines", other);
        workers.Add(second);

        (await second.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(2, second.Output);
        second.Output.ShouldContain("differs from the one the running cluster uses");
        second.Output.ShouldContain("Every worker must start from the same pipelines/");
        first.HasExited.ShouldBeFalse(first.Output);
        first.Terminate();
        (await first.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBe(0, first.Output);
    }

    private string WritePipelines(string name, string cron)
    {
        var folder = temp.File(name);
        ReplayPipelines.Write(RepositoryPaths.Pipelines, folder, sites!.Sites, platforms!, cron);
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "stations")).Where(f => !KeptStations.Contains(Path.GetFileNameWithoutExtension(f))))
        {
            File.Delete(file);
        }

        File.WriteAllText(Path.Combine(folder, "monitor.yaml"), $"""
            dataFolder: {temp.File("data")}
            store:
              kind: elasticsearch
              elasticsearch: {"{"} url: {elasticsearch!.Url}, apiKeyEnv: null {"}"}
            scheduling:
              store: postgres
              connectionStringEnv: MONITOR_PG
              checkinInterval: 1s
              misfireThreshold: 5s
            politeness: {"{"} minDelay: 250ms, crawlDelayCap: 1s {"}"}
            social: {"{"} youtubeDailyQuota: {YouTubeBudget} {"}"}
            """);
        return folder;
    }

    private static Dictionary<string, string> Environment(string pipelines, string connection)
    {
        var env = File.ReadAllLines(Path.Combine(pipelines, "replay.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        env["MONITOR_PG"] = connection;
        return env;
    }

    /// <summary>Templates and indices installed once before the workers start, as <c>setup elasticsearch</c> would.</summary>
    private async Task InstallElasticsearchAsync()
    {
        var options = new ElasticsearchOptions { Url = elasticsearch!.Url, DeadLetterPath = temp.File("dead-letter.jsonl"), HealthWaitTimeout = TimeSpan.FromSeconds(5) };
        await ElasticsearchStoreRegistration.Create(options, TimeProvider.System, NullLoggerFactory.Instance, new Random(7)).Store.InitializeAsync();
    }

    private int ArticlesOf(string station) => sites!.Models.Values.Single(m => StationOf(m.Host) == station).PublicArticleCount;

    private static string StationOf(string host) => host switch
    {
        "thainguyentv.vn" => "thai-nguyen",
        "caobangtv.vn" => "cao-bang",
        "langsontv.vn" => "lang-son",
        _ => host,
    };

    private int WebItemCount() => elasticsearch!.Documents(ElasticsearchIndices.Items).Values.Count(d => (string?)d["platform"] == "web");

    private static async Task<(string Channel, DateTimeOffset ScheduledAt, string Instance)?> UnfinishedWebRunAsync(NpgsqlDataSource data)
    {
        try
        {
            await using var command = data.CreateCommand("SELECT channel_id, scheduled_at, instance FROM monitor_job_runs WHERE finished_at IS NULL AND channel_id LIKE '%-web' ORDER BY started_at LIMIT 1");
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)) : null;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource data, string sql, params object[] parameters)
    {
        try
        {
            await using var command = data.CreateCommand(sql);
            foreach (var parameter in parameters)
            {
                command.Parameters.AddWithValue(parameter is DateTimeOffset time ? time.ToUniversalTime() : parameter);
            }

            var value = await command.ExecuteScalarAsync();
            return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return default;
        }
        catch (NpgsqlException)
        {
            // The server is restarting: ask again.
            return default;
        }
    }

    private async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var value = await probe();
            if (value is not null && !EqualityComparer<T>.Default.Equals(value, default!))
            {
                return value;
            }

            if (workers.Count > 0 && workers.All(w => w.HasExited))
            {
                break;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Waited {timeout} for {what}. Workers ({string.Join(", ", workers.Select(w => w.HasExited ? "exited" : "running"))}):{System.Environment.NewLine}"
            + string.Join(System.Environment.NewLine + "----" + System.Environment.NewLine, workers.Select(w => w.Output[Math.Max(0, w.Output.Length - 4000)..])));
    }

    private async Task<(string Channel, DateTimeOffset ScheduledAt, string Instance)> WaitForAsync(
        Func<Task<(string Channel, DateTimeOffset ScheduledAt, string Instance)?>> probe, TimeSpan timeout, string what) =>
        (await WaitForAsync<(string, DateTimeOffset, string)?>(probe, timeout, what))!.Value;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
