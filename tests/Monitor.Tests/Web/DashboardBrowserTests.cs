using System.Net;
using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Monitor.Tests.Web;

/// <summary>
/// Issue 12 in a real browser (Debian's Chromium through Playwright): sign-in, every page on a demo
/// store with no serious or critical accessibility violation, exports, triage with its audit trail,
/// what a station account may not see, antiforgery, lockout, and hostile text shown as text.
/// </summary>
public sealed class DashboardBrowserTests(DashboardFixture dashboard) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task SignIn_EveryPage_OpensWithoutSeriousAccessibilityViolations()
    {
        var page = await dashboard.SignedInPageAsync("admin1");
        var itemId = Scalar("SELECT item_id FROM item_summary WHERE station_id = 'thai-nguyen' AND comments > 0 ORDER BY engagement DESC LIMIT 1");
        string[] paths =
        [
            "/",
            "/?cluster=cum-2&from=2026-10-01&to=2026-12-31",
            "/stations/thai-nguyen",
            "/items/" + Uri.EscapeDataString(itemId),
            "/inbox",
            "/alerts",
            "/search?q=thai+nguyen",
        ];
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(dashboard.Url(path));
            response!.Status.ShouldBe(200, path);
            (await page.Locator("h1").CountAsync()).ShouldBe(1, path);
            await AssertAccessibleAsync(page, path);
        }

        // The Vietnamese page first, English as a switch kept in a cookie.
        await page.GotoAsync(dashboard.Url("/"));
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("vi");
        (await page.Locator("nav").InnerTextAsync()).ShouldContain("Tổng quan");
        await page.ClickAsync("a.lang");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        (await page.Locator("nav").InnerTextAsync()).ShouldContain("Overview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Inbox_FlagTakenThenResolved_AppearsInAuditTrail()
    {
        var page = await dashboard.SignedInPageAsync("reviewer1");
        await page.GotoAsync(dashboard.Url("/inbox?status=open&station=thai-nguyen"));
        await page.Locator("#flags tbody tr a", new() { HasTextString = "Mở" }).First.ClickAsync();
        var flagUrl = page.Url;
        await AssertAccessibleAsync(page, flagUrl);

        await page.SelectOptionAsync("#one-action", "take");
        await page.ClickAsync("form[action*='/inbox/f'] button[type=submit]");
        await page.SelectOptionAsync("#one-action", "resolve");
        await page.SelectOptionAsync("#one-outcome", "confirmed");
        await page.FillAsync("#one-note", "Đã kiểm tra, đúng vi phạm");
        await page.ClickAsync("form[action*='/inbox/f'] button[type=submit]");

        var audit = await page.Locator("#audit tbody").InnerTextAsync();
        audit.ShouldContain("reviewer1");
        audit.ShouldContain("đã giải quyết");
        audit.ShouldContain("xác nhận vi phạm");
        audit.ShouldContain("Đã kiểm tra, đúng vi phạm");
        (await page.Locator("dl.fields").First.InnerTextAsync()).ShouldContain("đã giải quyết");

        await page.GotoAsync(dashboard.Url("/inbox?status=resolved"));
        (await page.Locator("#flags tbody").InnerTextAsync()).ShouldContain("reviewer1");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportCsv_StationItems_ReadsBackWithBomAndEveryRow()
    {
        var page = await dashboard.SignedInPageAsync("analyst1");
        await page.GotoAsync(dashboard.Url("/stations/thai-nguyen"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href*='/export/items'][href*='format=csv']").ClickAsync());
        var path = Path.Combine(dashboard.Folder, "items.csv");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Mã tin,Nền tảng");
        (lines.Length - 1).ShouldBe(int.Parse(Scalar("SELECT COUNT(*) FROM item_summary WHERE station_id = 'thai-nguyen'"), System.Globalization.CultureInfo.InvariantCulture));
        lines.ShouldContain(l => l.StartsWith(DashboardFixture.ScriptItemId + ",", StringComparison.Ordinal));

        var xlsx = await page.APIRequest.GetAsync(dashboard.Url("/export/items?station=thai-nguyen&format=xlsx"));
        xlsx.Status.ShouldBe(200);
        (await xlsx.BodyAsync()).Take(2).ShouldBe("PK"u8.ToArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StationAccount_AnotherStation_Gets403Or404OnPagesFlagsAndApi()
    {
        var page = await dashboard.SignedInPageAsync("tn-station");
        var otherItem = Scalar("SELECT item_id FROM item_summary WHERE station_id = 'quang-ninh' LIMIT 1");
        (await page.GotoAsync(dashboard.Url("/stations/quang-ninh")))!.Status.ShouldBe(403);
        (await page.GotoAsync(dashboard.Url("/items/" + Uri.EscapeDataString(otherItem))))!.Status.ShouldBe(404);
        (await page.GotoAsync(dashboard.Url("/stations/thai-nguyen")))!.Status.ShouldBe(200);

        // Its inbox holds its own station's flags only, and another station's flag page is not found.
        await page.GotoAsync(dashboard.Url("/inbox"));
        var stations = await page.Locator("#flags tbody td:nth-child(3)").AllInnerTextsAsync();
        stations.ShouldNotBeEmpty();
        stations.ShouldAllBe(s => s == "thai-nguyen");
        var admin = await dashboard.SignedInPageAsync("admin1");
        await admin.GotoAsync(dashboard.Url("/inbox?station=quang-ninh"));
        var otherFlag = await admin.Locator("#flags tbody tr a", new() { HasTextString = "Mở" }).First.GetAttributeAsync("href");
        await admin.Context.CloseAsync();
        (await page.GotoAsync(dashboard.Url(otherFlag!)))!.Status.ShouldBe(404);

        using var http = new HttpClient { BaseAddress = dashboard.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", dashboard.StationToken);
        (await http.GetAsync("/api/stations/quang-ninh")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await http.GetAsync("/api/items/" + Uri.EscapeDataString(otherItem))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/api/flags?station=quang-ninh")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await http.GetAsync("/api" + otherFlag!.Replace("/inbox/", "/flags/", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("/api/stations/thai-nguyen")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var own = await http.GetStringAsync("/api/flags?status=open");
        own.ShouldContain("\"stationId\":\"thai-nguyen\"", Case.Insensitive);
        own.ShouldNotContain("quang-ninh");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Alerts_DemoStore_ListedWithDeliveriesAndLinks_StationAccountSeesItsOwnOnly()
    {
        // The demo raises alerts (issue 13) and delivers them to its folder channel: they are listed, newest first.
        var page = await dashboard.SignedInPageAsync("admin1");
        (await page.GotoAsync(dashboard.Url("/alerts")))!.Status.ShouldBe(200);
        var rows = page.Locator("#alerts tbody tr");
        (await rows.CountAsync()).ShouldBeGreaterThan(0);
        (await rows.First.InnerTextAsync()).ShouldContain("đã gửi");
        var inboxLink = await rows.First.Locator("a", new() { HasTextString = "Hộp cờ cảnh báo" }).GetAttributeAsync("href");
        inboxLink.ShouldNotBeNull();
        (await page.GotoAsync(dashboard.Url(inboxLink!)))!.Status.ShouldBe(200);
        (await page.GotoAsync(dashboard.Url("/alerts?status=closed&station=quang-ninh")))!.Status.ShouldBe(200);
        await page.Context.CloseAsync();

        using var admin = new HttpClient { BaseAddress = dashboard.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", dashboard.AnalystToken);
        using var all = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/api/alerts"));
        var stations = all.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("stationId").GetString()).ToList();
        stations.ShouldNotBeEmpty();
        all.RootElement.GetProperty("alerts")[0].GetProperty("deliveries").ToString().ShouldNotContain("address", Case.Insensitive);

        using var station = new HttpClient { BaseAddress = dashboard.BaseAddress };
        station.DefaultRequestHeaders.Authorization = new("Bearer", dashboard.StationToken);
        (await station.GetAsync("/api/alerts?station=quang-ninh")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var own = System.Text.Json.JsonDocument.Parse(await station.GetStringAsync("/api/alerts"));
        var ownStations = own.RootElement.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("stationId").GetString()).ToList();
        ownStations.ShouldAllBe(s => s == "thai-nguyen");
        ownStations.Count.ShouldBe(stations.Count(s => s == "thai-nguyen"));
    }

    [Fact]
    public async Task Api_BearerToken_AnswersJson_AndWithoutOneIs401()
    {
        using var http = new HttpClient { BaseAddress = dashboard.BaseAddress };
        (await http.GetAsync("/api/leaderboard?cluster=cum-2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "mon_not-a-token");
        (await http.GetAsync("/api/leaderboard?cluster=cum-2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        http.DefaultRequestHeaders.Authorization = new("Bearer", dashboard.AnalystToken);
        var json = await http.GetStringAsync("/api/leaderboard?cluster=cum-2");
        json.ShouldContain("\"stationId\":\"quang-ninh\"", Case.Insensitive);
        (await http.GetStringAsync("/api/search?q=thai+nguyen")).ShouldContain("hits", Case.Insensitive);

        // An analyst reads flags but cannot triage them, by API as on the pages.
        var flags = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/flags?status=open&limit=1"));
        var flagId = flags.RootElement.GetProperty("flags")[0].GetProperty("id").GetString();
        var refused = await http.PostAsync($"/api/flags/{flagId}/actions", new FormUrlEncodedContent([new("action", "take")]));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var page = await dashboard.SignedInPageAsync("reviewer1");
        var logout = await page.APIRequest.PostAsync(dashboard.Url("/logout"));
        logout.Status.ShouldBe(400);
        var bulk = await page.APIRequest.PostAsync(dashboard.Url("/inbox/bulk"), new() { Form = FormData(page, "action", "dismiss") });
        bulk.Status.ShouldBe(400);
        var login = await page.APIRequest.PostAsync(dashboard.Url("/login"), new() { Form = FormData(page, "username", "admin1", "password", DashboardFixture.Password) });
        login.Status.ShouldBe(400);

        // Still signed in: the refused POST to /logout changed nothing.
        (await page.GotoAsync(dashboard.Url("/inbox")))!.Status.ShouldBe(200);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_SixthWrongPassword_LocksTheAccount()
    {
        await dashboard.Users.AddAsync("lock-me", Monitor.Worker.Web.Accounts.UserRole.Analyst, null, DashboardFixture.Password);
        var context = await dashboard.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        async Task<string> TryAsync(string password)
        {
            await page.GotoAsync(dashboard.Url("/login"));
            await page.FillAsync("input[name=username]", "lock-me");
            await page.FillAsync("input[name=password]", password);
            await page.ClickAsync("form.login button[type=submit]");
            return await page.Locator("p.error").InnerTextAsync();
        }

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await TryAsync("wrong-password-" + attempt)).ShouldContain("Sai tên đăng nhập hoặc mật khẩu");
        }

        (await TryAsync("wrong-password-6")).ShouldContain("tạm khóa");
        (await TryAsync(DashboardFixture.Password)).ShouldContain("tạm khóa");
        await context.CloseAsync();
    }

    [Fact]
    public async Task ItemPage_ScriptInTitleAndComment_RendersAsText()
    {
        var page = await dashboard.SignedInPageAsync("admin1");
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        (await page.GotoAsync(dashboard.Url("/items/" + Uri.EscapeDataString(DashboardFixture.ScriptItemId))))!.Status.ShouldBe(200);

        (await page.Locator("h1").InnerTextAsync()).ShouldBe(DashboardFixture.ScriptTitle);
        (await page.Locator("main").InnerTextAsync()).ShouldContain(DashboardFixture.ScriptComment);
        (await page.Locator("script").CountAsync()).ShouldBe(0);
        (await page.Locator("main b, main img").CountAsync()).ShouldBe(0);
        (await page.EvaluateAsync<bool>("() => window.pwned === undefined")).ShouldBeTrue();
        dialogs.ShouldBe(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Anonymous_EverythingButLoginStaticAndHealth_RedirectsToSignIn()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = dashboard.BaseAddress };
        foreach (var path in new[] { "/", "/stations/thai-nguyen", "/inbox", "/alerts", "/api/alerts", "/search?q=a", "/export/items?station=thai-nguyen" })
        {
            var response = await http.GetAsync(path);
            ((int)response.StatusCode).ShouldBeOneOf(302, 401);
        }

        (await http.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync("/static/site.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var login = await http.GetAsync("/login");
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        login.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        login.Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain("script-src");
        login.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        login.Headers.GetValues("Set-Cookie").ShouldContain(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
    }

    private static IFormData FormData(IPage page, params string[] pairs)
    {
        var form = page.Context.APIRequest.CreateFormData();
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            form.Set(pairs[i], pairs[i + 1]);
        }

        return form;
    }

    private static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.ShouldBeEmpty($"{where}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private string Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={dashboard.DbPath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
