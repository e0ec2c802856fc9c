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
    public void Load_ShippedAlertsFile_IsValidWithItsRecipients()
    {
        var result = PipelineLoader.Load(RepositoryPaths.Pipelines);

        result.Problems.ShouldBeEmpty();
        var alerts = result.Configuration!.Alerts;
        alerts.Rules.NegativeSurge.ShouldBe(AlertRules.Defaults.NegativeSurge);
        var duty = alerts.FindRecipient("ban-tuyen-giao-thai-nguyen").ShouldNotBeNull();
        duty.Quiet.ShouldBe(new QuietHours(new TimeOnly(22, 30), new TimeOnly(6, 0)));
        duty.Kinds.ShouldContain(AlertKind.NegativeSurge);
        alerts.FindRecipient("so-tttt-cum-2")!.Schedule.ShouldBe(new DeliverySchedule(DigestMode.Daily, new TimeOnly(7, 30)));
    }

    [Fact]
    public void Load_BrokenAlertsFile_ReportsEveryProblemAtItsLineAndColumn()
    {
        File.Copy(Path.Combine(RepositoryPaths.Pipelines, "stations", "thai-nguyen.yaml"), temp.File("stations/thai-nguyen.yaml".Replace('/', Path.DirectorySeparatorChar)).EnsureFolder());
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
