using Monitor.Alerts;
using Monitor.Alerts.Rules;
using Monitor.Configuration;
using Monitor.Tests.Support;

namespace Monitor.Tests.Alerts;

public sealed class AlertsConfigurationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_ShippedAlertsFile_IsValidAndReachesOnlyTheLocalFolder()
    {
        var result = PipelineLoader.Load(RepositoryPaths.Pipelines);

        result.Problems.ShouldBeEmpty();
        var alerts = result.Configuration!.Alerts;
        alerts.Rules.NegativeSurge.ShouldBe(AlertRules.Defaults.NegativeSurge);
        alerts.Recipients.SelectMany(r => r.Targets).ShouldAllBe(t => t is FolderTarget);
    }

    [Fact]
    public void Load_ShippedExamplesUncommented_ParseWithTheirChannelsScheduleAndQuietHours()
    {
        CopyStations("thai-nguyen", "bac-kan");
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Pipelines, "alerts.yaml"));
        var smtp = Array.IndexOf(lines, "# smtp:");
        temp.Write("alerts.yaml", string.Join('\n', lines.Select((line, i) => i >= smtp && line.StartsWith('#') ? line[Math.Min(2, line.Length)..] : line)));

        var result = PipelineLoader.Load(temp.Path);

        result.Problems.Where(p => p.File.EndsWith("alerts.yaml", StringComparison.Ordinal)).ShouldBeEmpty();
        var alerts = result.Configuration!.Alerts;
        alerts.Smtp.ShouldBe(new SmtpSettings("smtp.example.vn", 587, SmtpSecurity.StartTls, "Monitor <canhbao@example.vn>", "MONITOR_SMTP_USER", "MONITOR_SMTP_PASSWORD"));
        var duty = alerts.FindRecipient("ban-tuyen-giao-thai-nguyen").ShouldNotBeNull();
        duty.Quiet.ShouldBe(new QuietHours(new TimeOnly(22, 30), new TimeOnly(6, 0)));
        duty.Targets.ShouldBe([new EmailTarget("truc-ban@tuyengiao.example.vn"), new TelegramTarget("-1001234567890", "MONITOR_TELEGRAM_BOT_TOKEN")]);
        duty.Kinds.ShouldBe([AlertKind.NegativeSurge, AlertKind.Watchlist, AlertKind.RemovedAfterFlag], ignoreOrder: true);
        var department = alerts.FindRecipient("so-tttt-cum-2").ShouldNotBeNull();
        department.Schedule.ShouldBe(new DeliverySchedule(DigestMode.Daily, new TimeOnly(7, 30)));
        department.Clusters.ShouldBe(["cum-2"]);
    }

    private void CopyStations(params string[] ids)
    {
        foreach (var id in ids)
        {
            File.Copy(Path.Combine(RepositoryPaths.Pipelines, "stations", id + ".yaml"), temp.File(Path.Combine("stations", id + ".yaml")).EnsureFolder());
        }
    }

    [Fact]
    public void Load_BrokenAlertsFile_ReportsEveryProblemAtItsLineAndColumn()
    {
        CopyStations("thai-nguyen");
        var path = temp.Write("alerts.yaml", """
            rules:
              negative-surge:
                ratio: half
                window: 0s
              viral: { score: 3, speed: fast }
            recipients:
              - id: truc-ban
                email: [khong-phai-dia-chi]
                stations: [ha-noi]
                kinds: [negative-surge, tin-don]
                delivery: weekly
                quietHours: "22h-6h"
              - id: truc-ban
                webhooks:
                  - { url: "ftp://example.vn/hook" }
            """);

        var problems = PipelineLoader.Load(temp.Path).Problems.Where(p => p.File == path).Select(p => p.ToString()).ToList();

        problems.ShouldBe(
        [
            $"{path}:3:12: 'ratio' must be a number from 1 to 1000, not 'half'",
            $"{path}:4:13: 'window' must be longer than zero",
            $"{path}:5:22: unknown key 'speed' in the viral rule (known keys: enabled, score)",
            $"{path}:7:5: recipient 'truc-ban' has no way to be reached: give 'email', 'webhooks', 'telegram' or 'folder'",
            $"{path}:8:12: 'khong-phai-dia-chi' is not an email address",
            $"{path}:9:16: unknown station 'ha-noi' in 'stations'",
            $"{path}:10:29: unknown alert kind 'tin-don' (known: negative-surge, viral, watchlist, source-silent, source-failing, removed-after-flag)",
            $"{path}:11:15: 'delivery' must be immediate, hourly or 'daily HH:mm' (local time), not 'weekly'",
            $"{path}:12:17: 'quietHours' must be 'HH:mm-HH:mm' in local time, such as 22:00-06:00, not '22h-6h'",
            $"{path}:13:5: duplicate recipient id 'truc-ban'",
            $"{path}:15:9: missing required key 'secretEnv'",
            $"{path}:15:16: 'url' must be an absolute http(s) URL such as https://example.vn/, not 'ftp://example.vn/hook'",
            $"{path}:13:5: recipient 'truc-ban' has no way to be reached: give 'email', 'webhooks', 'telegram' or 'folder'",
        ],
        ignoreOrder: true);
    }
}

internal static class PathExtensions
{
    public static string EnsureFolder(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
