using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Monitor.Configuration;
using Monitor.Tests.Support;
using Monitor.Worker.Web;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Tests.Web;

/// <summary>
/// One demo store, one dashboard on a loopback port and one headless Debian Chromium, shared by the
/// browser tests of a class: the demo is collected once into a temp folder, an item and a comment
/// holding <c>&lt;script&gt;</c> are imported next to it, and an account of each role is added.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "correct-horse-battery";
    public const string ScriptItemId = "youtube:xss-test";
    public const string ScriptTitle = "Tin thử <script>window.pwned=1</script> hết";
    public const string ScriptComment = "Bình luận <script>window.pwned=2</script> <b>đậm</b>";

    private readonly TempFolder temp = new();
    private WebApplication? app;
    private IPlaywright? playwright;

    public string DbPath => temp.File("demo.db");

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public UserStore Users { get; private set; } = null!;

    public string StationToken { get; private set; } = string.Empty;

    public string AnalystToken { get; private set; } = string.Empty;

    public string Folder => temp.Path;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: the browser tests drive Debian's Chromium, which .ci/run installs (apt-get install -y chromium).");
        }

        var pipelines = RepositoryPaths.Pipelines;
        var demo = await CliRun.InvokeAsync("demo", "--db", DbPath, "--pipelines", pipelines);
        demo.ExitCode.ShouldBe(0, demo.Output + demo.Error);
        var hostile = temp.Write("hostile.ndjson", string.Join('\n',
            $$"""{"type":"item","id":"{{ScriptItemId}}","stationId":"thai-nguyen","channelId":"thai-nguyen-youtube","platform":"youtube","kind":"video","url":"https://www.youtube.com/watch?v=xss","title":{{System.Text.Json.JsonSerializer.Serialize(ScriptTitle)}},"body":null,"author":null,"category":null,"publishedAt":"2026-11-20T01:00:00Z","collectedAt":"2026-11-20T02:00:00Z","language":"vi"}""",
            $$"""{"type":"comment","id":"youtube:xss-c1","itemId":"{{ScriptItemId}}","platform":"youtube","parentId":null,"author":"<img src=x>","text":{{System.Text.Json.JsonSerializer.Serialize(ScriptComment)}},"publishedAt":"2026-11-20T03:00:00Z","likes":1}"""));
        var imported = await CliRun.InvokeAsync("import", hostile, "--db", DbPath, "--pipelines", pipelines);
        imported.ExitCode.ShouldBe(0, imported.Output + imported.Error);

        Users = new UserStore(UserStore.PathFor(DbPath), TimeProvider.System);
        await Users.AddAsync("admin1", UserRole.Admin, null, Password);
        await Users.AddAsync("reviewer1", UserRole.Reviewer, null, Password);
        await Users.AddAsync("analyst1", UserRole.Analyst, null, Password);
        await Users.AddAsync("tn-station", UserRole.Station, "thai-nguyen", Password);
        StationToken = (await Users.IssueTokenAsync("tn-station"))!;
        AnalystToken = (await Users.IssueTokenAsync("analyst1"))!;

        var loaded = PipelineLoader.Load(pipelines);
        var configuration = loaded.Configuration!;
        configuration = configuration with { Settings = configuration.Settings with { DataFolder = temp.Path } };
        app = WebDashboard.Build(new WebDashboardOptions(configuration, DbPath, new Uri("http://127.0.0.1:0")));
        await app.StartAsync();
        BaseAddress = WebDashboard.Address(app);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        temp.Dispose();
    }

    public void Dispose() => temp.Dispose();

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>A fresh browser context (its own cookies) signed in through the login form.</summary>
    public async Task<IPage> SignedInPageAsync(string user)
    {
        var context = await Browser.NewContextAsync(new() { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/login"));
        await page.FillAsync("input[name=username]", user);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("form.login button[type=submit]");

        // Signed in once the redirect away from /login is committed (the cookie came with it); every caller goes on
        // to a page or a request of its own. Waiting for that page's load as well (the default) timed out once in
        // CI: WaitForURLAsync checks the load state and then subscribes to it, and the event can pass in between
        // (microsoft/playwright-dotnet#3364).
        await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        return page;
    }
}
