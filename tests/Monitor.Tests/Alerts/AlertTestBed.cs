using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerts;
using Monitor.Alerts.Delivery;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Outbox;
using Monitor.Alerts.Rules;
using Monitor.Domain;
using Monitor.Pipeline;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Support;

namespace Monitor.Tests.Alerts;

/// <summary>
/// A real SQLite store with the alert rules in its saves, and a dispatcher over its outbox with the
/// project's own channels; everything on a fake clock. <see cref="Restart"/> drops both and opens the
/// same file again, as a process started after a kill would.
/// </summary>
internal sealed class AlertTestBed : IDisposable
{
    public const string Station = "thai-nguyen";
    public const string Channel = "thai-nguyen-facebook";

    private readonly TempFolder temp = new();
    private readonly AlertsConfiguration configuration;
    private readonly HttpClientFactoryStub http = new();

    public AlertTestBed(IReadOnlyList<Recipient> recipients, SmtpSettings? smtp = null, Uri? telegram = null, AlertRules? rules = null)
    {
        configuration = new AlertsConfiguration(rules ?? AlertRules.Defaults, recipients, smtp, telegram ?? AlertsConfiguration.DefaultTelegramBaseUrl, AlertsConfiguration.DefaultDashboardUrl);
        Restart();
    }

    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public string Folder => temp.Path;

    public SqliteContentStore Store { get; private set; } = null!;

    public AlertSetup Setup { get; private set; } = null!;

    public string DbPath => temp.File("monitor.db");

    public AlertDispatcher Dispatcher { get; private set; } = null!;

    public string OutboxFolder => temp.File("outbox");

    public void Restart()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Setup = new AlertSetup(new AlertDetector(configuration.Rules, Clock), new AlertRouter(configuration.Recipients, new Dictionary<string, string?> { [Station] = "cum-2" }));
        Store = new SqliteContentStore(new SqliteStoreOptions(DbPath, false), Clock, Setup);
        IAlertChannel[] channels =
        [
            new FolderChannel(temp.Path),
            new EmailChannel(configuration.Smtp),
            new WebhookChannel(http),
            new TelegramChannel(http, configuration.TelegramBaseUrl),
        ];
        Dispatcher = new AlertDispatcher(Store, channels, configuration, new AlertDispatchOptions { InCallRetries = 1, InCallDelay = TimeSpan.Zero }, Clock, NullLogger<AlertDispatcher>.Instance);
    }

    public Task InitializeAsync() => Store.InitializeAsync();

    public static Recipient FolderRecipient(string id = "ban-tuyen-giao", DeliverySchedule? schedule = null, QuietHours? quiet = null, params AlertKind[] kinds) =>
        new(id, id, [new FolderTarget("outbox", "json")], new HashSet<string>(), new HashSet<string>(), kinds.ToHashSet(), schedule ?? DeliverySchedule.Immediate, quiet);

    public static Item Post(string id, DateTimeOffset published) => new(
        $"facebook:{id}", Station, Channel, Platform.Facebook, ItemKind.Post, $"https://facebook.com/{id}", $"Bài đăng {id}", "Nội dung", null, null, published, published);

    /// <summary>Comments under <paramref name="item"/> from <paramref name="from"/>, one a minute; the first <paramref name="negative"/> flagged negative.</summary>
    public static ContentBatch Comments(Item item, DateTimeOffset from, int count, int negative, string prefix)
    {
        var comments = Enumerable.Range(0, count)
            .Select(k => new Comment($"facebook:{prefix}{k}", item.Id, Platform.Facebook, null, "Người xem", negative > k ? "Làm ăn kiểu này thì dân chịu thiệt!" : "Cảm ơn đài đã đưa tin.", from.AddMinutes(k), 0))
            .ToList();
        var flags = comments.Take(negative)
            .Select(c => new Flag(c.Id, TargetKind.Comment, "model:sentiment", "medium", "sentiment: P(negative) = 0.900 ≥ 0.70", 0.9, ["model test"], from))
            .ToList();
        return new ContentBatch([item], [], comments, [], flags);
    }

    /// <summary>Seven days of ordinary comments on the station: 10 a day, 1 of them negative.</summary>
    public async Task SeedBaselineAsync(DateTimeOffset before)
    {
        for (var day = 7; day >= 1; day--)
        {
            var at = before.AddDays(-day);
            var item = Post($"nen{day}", at.AddHours(-1));
            await Store.SaveAsync(Comments(item, at, 10, 1, $"nen{day}c"));
        }
    }

    public IReadOnlyList<string> OutboxFiles() =>
        Directory.Exists(OutboxFolder) ? [.. Directory.EnumerateFiles(OutboxFolder, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText)] : [];

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    private sealed class HttpClientFactoryStub : IHttpClientFactory, IDisposable
    {
        private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(30) };

        public HttpClient CreateClient(string name) => client;

        public void Dispose() => client.Dispose();
    }
}
