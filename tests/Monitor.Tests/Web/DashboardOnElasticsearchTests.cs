using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Replay.Elasticsearch;
using Monitor.Storage;
using Monitor.Tests.Support;
using Monitor.Worker.Web;
using Monitor.Worker.Web.Accounts;

namespace Monitor.Tests.Web;

/// <summary>
/// The same dashboard over the Elasticsearch store (store.kind: elasticsearch), on the loopback
/// stand-in: every page and API answer the SQLite tests open, with the stored items in them. Accounts
/// stay in their own SQLite file beside the data folder, whichever store holds the content.
/// </summary>
public sealed class DashboardOnElasticsearchTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

    private static readonly Item Article = new("web:tn-cau", "thai-nguyen", "thai-nguyen-web", Platform.Web, ItemKind.Article, "https://baothainguyen.vn/cau-gia-bay.html",
        "Thông xe cầu Gia Bảy sau ba năm thi công", "Sáng nay, cầu Gia Bảy mới chính thức thông xe.", "Minh Anh", "Thời sự", T0, T0.AddMinutes(30));

    private static readonly Item Video = new("youtube:tn-cau", "thai-nguyen", "thai-nguyen-youtube", Platform.YouTube, ItemKind.Video, "https://www.youtube.com/watch?v=tncau",
        "Thông xe cầu Gia Bảy nhìn từ trên cao", "Xem bài viết tại https://baothainguyen.vn/cau-gia-bay.html", null, null, T0.AddHours(2), T0.AddHours(3));

    private static readonly Comment Angry = new("youtube:tn-cau-c1", Video.Id, Platform.YouTube, null, "Người xem", "Làm ẩu quá, tiền thuế của dân mà làm thế này", T0.AddHours(4), 3);

    private readonly TempFolder temp = new();
    private ReplayElasticsearch? standIn;
    private WebApplication? app;
    private HttpClient? client;

    public async Task InitializeAsync()
    {
        standIn = await ReplayElasticsearch.StartAsync();
        var configuration = PipelineLoader.Load(RepositoryPaths.Pipelines).Configuration!;
        configuration = configuration with
        {
            Settings = configuration.Settings with
            {
                DataFolder = temp.Path,
                Store = new StoreSettings { Kind = StoreKind.Elasticsearch, Elasticsearch = new ElasticsearchSettings { Url = standIn.Url } },
            },
        };
        var dbPath = temp.File("monitor.db");
        var options = new WebDashboardOptions(configuration, dbPath, new Uri("http://127.0.0.1:0"));
        app = WebDashboard.Build(options);
        await app.Services.GetRequiredService<IContentAdmin>().InitializeAsync();
        await app.StartAsync();

        var store = app.Services.GetRequiredService<IContentStore>();
        await store.SaveAsync(new ContentBatch(
            [Article, Video],
            [new Observation(Article.Id, T0.AddHours(1), TimeSpan.FromHours(1), null, 40, 6, 2), new Observation(Video.Id, T0.AddHours(3), TimeSpan.FromHours(1), 1200, 90, 1, 5)],
            [Angry],
            [new Assessment(Angry.Id, TargetKind.Comment, "sentiment", "negative", 0.93, "test")],
            [new Flag(Angry.Id, TargetKind.Comment, "model:sentiment", "medium", "sentiment: P(negative) = 0.930 ≥ 0.70", 0.93, ["làm ẩu"], T0.AddHours(4))]));

        var users = new UserStore(options.ResolvedUsersPath, TimeProvider.System);
        await users.AddAsync("admin1", UserRole.Admin, null, "correct-horse-battery");
        client = new HttpClient { BaseAddress = WebDashboard.Address(app) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await users.IssueTokenAsync("admin1"))!);
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (standIn is not null)
        {
            await standIn.DisposeAsync();
        }

        temp.Dispose();
    }

    public void Dispose()
    {
        client?.Dispose();
        temp.Dispose();
    }

    [Theory]
    [InlineData("/?cluster=cum-2&from=2026-11-01&to=2026-11-30", "1.200")]
    [InlineData("/stations/thai-nguyen?from=2026-11-01&to=2026-11-30", "Thông xe cầu Gia Bảy")]
    [InlineData("/items/youtube:tn-cau", "tiền thuế của dân")]
    [InlineData("/inbox", "Thông xe cầu Gia Bảy nhìn từ trên cao")]
    [InlineData("/search?q=cau+gia+bay", "Tin bài (2)")]
    [InlineData("/api/leaderboard?cluster=cum-2&from=2026-11-01&to=2026-11-30", "\"engagement\":144")]
    [InlineData("/api/stations/thai-nguyen?from=2026-11-01&to=2026-11-30", "youtube:tn-cau")]
    [InlineData("/api/items/youtube:tn-cau", "\"platform\":\"youtube\"")]
    [InlineData("/api/flags?status=open", "youtube:tn-cau-c1")]
    [InlineData("/api/search?q=thong+xe", "web:tn-cau")]
    [InlineData("/alerts", "chỉ kho SQLite có hộp thư đi của cảnh báo")]
    public async Task Page_ElasticsearchStore_AnswersWithTheStoredContent(string path, string expected)
    {
        using var response = await client!.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.Length > 2000 ? body[..2000] : body);
        WebUtility.HtmlDecode(body).ShouldContain(expected);
    }
}
