using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Alerts;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;
using Monitor.Tests.Support;

namespace Monitor.Tests.Alerts;

/// <summary>The real delivery protocols on loopback: SMTP (aiosmtpd), a webhook receiver that checks the signature, a Telegram Bot API replay.</summary>
public sealed class AlertChannelTests
{
    [Fact]
    public async Task DispatchDueAsync_SmtpDownForAnHourThenBack_DeliversEveryAlertExactlyOnce()
    {
        using var temp = new TempFolder();
        using var smtp = new SmtpSink(temp.Path);
        var recipient = new Recipient("ban-tuyen-giao", "Ban Tuyên giáo", [new EmailTarget("truc-ban@tuyengiao.example.vn")], new HashSet<string>(), new HashSet<string>(), new HashSet<AlertKind>(), DeliverySchedule.Immediate, null);
        using var bed = new AlertTestBed([recipient], new SmtpSettings("127.0.0.1", smtp.Port, SmtpSecurity.None, "Monitor <monitor@example.vn>", null, null));
        await bed.InitializeAsync();
        foreach (var name in new[] { "mot", "hai", "ba" })
        {
            await AlertDispatcherTests.RaiseWatchlistAsync(bed, name);
        }

        var retries = 0;
        var outageEnds = bed.Clock.GetUtcNow().AddHours(1);
        while (bed.Clock.GetUtcNow() < outageEnds)
        {
            var down = await bed.Dispatcher.DispatchDueAsync();
            down.Sent.ShouldBe(0);
            retries += down.Retrying;
            bed.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        await smtp.StartAsync();
        var sent = 0;
        for (var step = 0; step < 6; step++)
        {
            sent += (await bed.Dispatcher.DispatchDueAsync()).Sent;
            bed.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        retries.ShouldBeGreaterThan(3);
        sent.ShouldBe(3);
        var messages = smtp.Messages.Select(m => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m))).TextBody ?? string.Empty).ToList();
        messages.Count.ShouldBe(3);
        foreach (var name in new[] { "mot", "hai", "ba" })
        {
            messages.Count(m => m.Contains($"items/facebook%3A{name}\n", StringComparison.Ordinal)).ShouldBe(1);
        }

        (await bed.Store.ListAlertsAsync(null, 10)).SelectMany(a => a.Deliveries).ShouldAllBe(d => d.Status == DeliveryStatus.Sent && d.Attempts > 1);
    }

    [Fact]
    public async Task DispatchDueAsync_SmtpRefusesOneAddress_FailsThatOneClearlyAndSendsTheOther()
    {
        using var temp = new TempFolder();
        using var smtp = new SmtpSink(temp.Path);
        await smtp.StartAsync();
        var good = new Recipient("tot", "tốt", [new EmailTarget("truc-ban@example.vn")], new HashSet<string>(), new HashSet<string>(), new HashSet<AlertKind>(), DeliverySchedule.Immediate, null);
        var bad = good with { Id = "sai", Targets = [new EmailTarget("bad-address@example.vn")] };
        using var bed = new AlertTestBed([bad, good], new SmtpSettings("127.0.0.1", smtp.Port, SmtpSecurity.None, "Monitor <monitor@example.vn>", null, null));
        await bed.InitializeAsync();
        await AlertDispatcherTests.RaiseWatchlistAsync(bed, "mot");

        var result = await bed.Dispatcher.DispatchDueAsync();

        result.Sent.ShouldBe(1);
        result.GivenUp.ShouldBe(1);
        result.Errors.Single().ShouldContain("refused the mail to bad-address@example.vn: 550");
        var mail = smtp.Messages.ShouldHaveSingleItem();
        mail.ShouldContain("To: truc-ban@example.vn");
        mail.ShouldContain("X-Monitor-Idempotency-Key: alert-1:tot:email:truc-ban@example.vn");
    }

    [Fact]
    public async Task DispatchDueAsync_Webhook_PostsJsonSignedWithTheSecretFromTheEnvironment()
    {
        const string SecretEnv = "MONITOR_TEST_WEBHOOK_SECRET";
        Environment.SetEnvironmentVariable(SecretEnv, "bí-mật-chung");
        var received = new List<(bool Valid, string Body, string? Key)>();
        await using var receiver = await LoopbackSite.StartAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("bí-mật-chung"), buffer.ToArray()));
            var valid = request.Headers["X-Monitor-Signature"] == expected;
            lock (received)
            {
                received.Add((valid, Encoding.UTF8.GetString(buffer.ToArray()), request.Headers["Idempotency-Key"]));
            }

            return valid ? Results.Ok() : Results.Unauthorized();
        }));
        var recipient = new Recipient("so-tttt", "Sở", [new WebhookTarget(new Uri(receiver.BaseAddress, "hook"), SecretEnv)], new HashSet<string>(), new HashSet<string>(), new HashSet<AlertKind>(), DeliverySchedule.Immediate, null);
        using var bed = new AlertTestBed([recipient]);
        await bed.InitializeAsync();
        await AlertDispatcherTests.RaiseWatchlistAsync(bed, "mot");

        var result = await bed.Dispatcher.DispatchDueAsync();

        result.Sent.ShouldBe(1);
        var (valid, body, key) = received.ShouldHaveSingleItem();
        valid.ShouldBeTrue();
        key.ShouldBe("alert-1:so-tttt:webhook:" + new Uri(receiver.BaseAddress, "hook"));
        using var json = JsonDocument.Parse(body);
        var alert = json.RootElement.GetProperty("alerts")[0];
        alert.GetProperty("kind").GetString().ShouldBe("watchlist");
        alert.GetProperty("link").GetString().ShouldBe("http://127.0.0.1:5080/items/facebook%3Amot");
    }

    [Fact]
    public async Task DispatchDueAsync_WebhookWithTheWrongSecret_IsRefusedAndGivenUp()
    {
        const string SecretEnv = "MONITOR_TEST_WEBHOOK_WRONG";
        Environment.SetEnvironmentVariable(SecretEnv, "khác");
        await using var receiver = await LoopbackSite.StartAsync(app => app.MapPost("/hook", (HttpRequest request) =>
            request.Headers["X-Monitor-Signature"].ToString().StartsWith("sha256=", StringComparison.Ordinal) ? Results.Unauthorized() : Results.BadRequest()));
        var recipient = new Recipient("so-tttt", "Sở", [new WebhookTarget(new Uri(receiver.BaseAddress, "hook"), SecretEnv)], new HashSet<string>(), new HashSet<string>(), new HashSet<AlertKind>(), DeliverySchedule.Immediate, null);
        using var bed = new AlertTestBed([recipient]);
        await bed.InitializeAsync();
        await AlertDispatcherTests.RaiseWatchlistAsync(bed, "mot");

        var result = await bed.Dispatcher.DispatchDueAsync();

        result.GivenUp.ShouldBe(1);
        result.Errors.Single().ShouldContain("answered 401");
    }

    [Fact]
    public async Task DispatchDueAsync_Telegram_CallsSendMessageWithTheChatAndVietnameseText()
    {
        const string TokenEnv = "MONITOR_TEST_TELEGRAM_TOKEN";
        Environment.SetEnvironmentVariable(TokenEnv, "123456:ABC-test");
        var calls = new List<(string Path, string Body)>();
        await using var telegram = await LoopbackSite.StartAsync(app => app.MapPost("/bot{token}/sendMessage", async (HttpRequest request, string token) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            lock (calls)
            {
                calls.Add((request.Path.Value!, body));
            }

            return token == "123456:ABC-test"
                ? Results.Json(new { ok = true, result = new { message_id = 1 } })
                : Results.Json(new { ok = false, error_code = 401, description = "Unauthorized" }, statusCode: 401);
        }));
        var recipient = new Recipient("nhom-truc", "Nhóm trực", [new TelegramTarget("-1001234567", TokenEnv)], new HashSet<string>(), new HashSet<string>(), new HashSet<AlertKind>(), DeliverySchedule.Immediate, null);
        using var bed = new AlertTestBed([recipient], telegram: telegram.BaseAddress);
        await bed.InitializeAsync();
        await AlertDispatcherTests.RaiseWatchlistAsync(bed, "mot");

        var result = await bed.Dispatcher.DispatchDueAsync();

        result.Sent.ShouldBe(1);
        var (path, body) = calls.ShouldHaveSingleItem();
        path.ShouldBe("/bot123456:ABC-test/sendMessage");
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetProperty("chat_id").GetString().ShouldBe("-1001234567");
        json.RootElement.GetProperty("text").GetString()!.ShouldContain("Xem trên bảng điều khiển: http://127.0.0.1:5080/items/facebook%3Amot");
    }
}
