using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Collection;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Scheduling;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;
using Quartz;

namespace Monitor.Tests.Scheduling;

public sealed class SchedulingTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string DbPath => temp.File("monitor.db");

    private static PipelineConfiguration Configuration(params (string Id, string? Cron)[] channels)
    {
        var stations = channels.Select(c =>
        {
            var channel = new WebsiteChannel(c.Id + "-web", c.Id, c.Cron, new Uri($"https://{c.Id}.vn/"), [], [], [], null);
            return new Station(c.Id, "Đài " + c.Id, "Tỉnh " + c.Id, "cum-2", [], null, [channel]);
        }).ToList();
        return new PipelineConfiguration("pipelines", new MonitorSettings(), stations, new Dictionary<string, Monitor.Extraction.SiteProfile>(), new HashSet<string>());
    }

    private ServiceProvider Services(PipelineConfiguration configuration, IChannelCollector? collector = null)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(configuration)
            .AddSqliteStore(DbPath)
            .AddCollectionRunner()
            .AddMonitorScheduling(DbPath);
        if (collector is not null)
        {
            services.AddSingleton(collector);
        }

        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Start_SameFileAfterRestart_SchedulesSurviveAndAreKept()
    {
        var configuration = Configuration(("alpha", "0 0 6 * * ?"), ("beta", null));
        DateTimeOffset? firstNextFire;
        await using (var first = Services(configuration))
        {
            var service = first.GetRequiredService<SchedulerService>();
            await service.StartAsync(CancellationToken.None);
            var trigger = (ICronTrigger)(await service.Scheduler.GetTrigger(new TriggerKey("alpha-web", "collect")))!;
            trigger.CronExpressionString.ShouldBe("0 0 6 * * ?");
            firstNextFire = trigger.NextFireTimeUtc;
            await service.StopAsync(CancellationToken.None);
        }

        await using var second = Services(configuration);
        var scheduler = await second.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var changes = await second.GetRequiredService<ScheduleSynchroniser>().SynchroniseAsync(scheduler, configuration);

        changes.ShouldBe(new ScheduleChanges(Added: 0, Changed: 0, Kept: 2, Removed: 0));
        var stored = (ICronTrigger)(await scheduler.GetTrigger(new TriggerKey("beta-web", "collect")))!;
        stored.CronExpressionString.ShouldBe(new MonitorSettings().Schedules.DefaultCron);
        stored.TimeZone.Id.ShouldBe("Asia/Ho_Chi_Minh");
        ((ICronTrigger)(await scheduler.GetTrigger(new TriggerKey("alpha-web", "collect")))!).NextFireTimeUtc.ShouldBe(firstNextFire);
        await scheduler.Shutdown(false);
    }

    [Fact]
    public async Task Synchronise_ChangedConfiguration_ReschedulesAndRemoves()
    {
        await using (var first = Services(Configuration(("alpha", "0 0 6 * * ?"), ("beta", null))))
        {
            var scheduler = await first.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await first.GetRequiredService<ScheduleSynchroniser>().SynchroniseAsync(scheduler, Configuration(("alpha", "0 0 6 * * ?"), ("beta", null)));
            await scheduler.Shutdown(false);
        }

        var changed = Configuration(("alpha", "0 0 7 * * ?"), ("gamma", null));
        await using var second = Services(changed);
        var again = await second.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var changes = await second.GetRequiredService<ScheduleSynchroniser>().SynchroniseAsync(again, changed);

        changes.ShouldBe(new ScheduleChanges(Added: 1, Changed: 1, Kept: 0, Removed: 1));
        (await again.Exists(new JobKey("beta-web", "collect"))).ShouldBeFalse();
        ((ICronTrigger)(await again.GetTrigger(new TriggerKey("alpha-web", "collect")))!).CronExpressionString.ShouldBe("0 0 7 * * ?");
        await again.Shutdown(false);
    }

    [Fact]
    public async Task Job_FiresOnCron_RunsTheChannelIntoTheStore()
    {
        var collector = new ScriptedCollector(TimeProvider.System) { ItemsPerRun = 3 };
        await using var services = Services(Configuration(("alpha", "* * * * * ?")), collector);
        var service = services.GetRequiredService<SchedulerService>();

        await service.StartAsync(CancellationToken.None);
        await collector.FirstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitUntilAsync(async () => (await services.GetRequiredService<IContentStore>().GetStatsAsync()).Items == 3);
        await service.StopAsync(CancellationToken.None);

        (await services.GetRequiredService<IContentStore>().GetStatsAsync()).Items.ShouldBe(3);
    }

    [Fact]
    public async Task Stop_WhileJobRuns_CancelsItAndKeepsStoredItems()
    {
        var collector = new ScriptedCollector(TimeProvider.System) { ItemsPerRun = 2, BlockAfterItems = true };
        await using var services = Services(Configuration(("alpha", "* * * * * ?")), collector);
        var service = services.GetRequiredService<SchedulerService>();
        await service.StartAsync(CancellationToken.None);
        await collector.Blocking.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        collector.Runs.ShouldBe(1, "[DisallowConcurrentExecution]: the blocked run is never joined by a second one");
        var store = new SqliteContentStore(new SqliteStoreOptions(DbPath, ReadOnly: true), TimeProvider.System);
        (await store.GetStatsAsync()).Items.ShouldBe(2);
    }

    [Fact]
    public async Task Restart_AfterMissedFireTime_MisfireFiresOnceAtStart()
    {
        var configuration = Configuration(("alpha", "0 0 6 * * ?"));
        await using (var first = Services(configuration))
        {
            var service = first.GetRequiredService<SchedulerService>();
            await service.StartAsync(CancellationToken.None);
            await service.StopAsync(CancellationToken.None);
        }

        // The worker was down over a fire time: the stored next fire time is an hour in the past.
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={DbPath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = $past WHERE TRIGGER_NAME = 'alpha-web'";
            command.Parameters.AddWithValue("$past", TimeProvider.System.GetUtcNow().AddHours(-1).UtcTicks);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var collector = new ScriptedCollector(TimeProvider.System) { ItemsPerRun = 1 };
        await using var second = Services(configuration, collector);
        var restarted = second.GetRequiredService<SchedulerService>();
        await restarted.StartAsync(CancellationToken.None);

        await collector.FirstRunStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await restarted.StopAsync(CancellationToken.None);
        collector.Runs.ShouldBe(1, "FireAndProceed: one catch-up run, not one per missed slot");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        // Quartz runs on the real clock; poll briefly instead of sleeping a fixed time.
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        while (!await condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException("condition not met in 20 s");
            }

            await Task.Delay(50);
        }
    }
}
