using Monitor.Configuration;
using Monitor.Domain;
using Monitor.Tests.Support;

namespace Monitor.Tests.Configuration;

public sealed class PipelineLoaderTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_ShippedPipelines_IsValidAndHasTheSeedStations()
    {
        var result = PipelineLoader.Load(RepositoryPaths.Pipelines);

        result.Problems.ShouldBeEmpty(string.Join(Environment.NewLine, result.Problems));
        var stations = result.Configuration!.Stations.Select(s => s.Id).ToList();
        stations.ShouldBe(
            ["thai-nguyen", "thanh-hoa", "lang-son", "dien-bien", "cao-bang", "quang-ninh", "bac-giang", "vinh-phuc", "hoa-binh", "bac-kan"],
            ignoreOrder: true);
        result.Configuration.Stations.Single(s => s.Id == "bac-kan").MergedInto.ShouldBe("thai-nguyen");
        result.Configuration.Stations.Where(s => s.Cluster == "cum-2").Count().ShouldBe(8);
        var thanhHoa = (WebsiteChannel)result.Configuration.Stations.Single(s => s.Id == "thanh-hoa").Channels.Single();
        thanhHoa.BaseUrl.ShouldBe(new Uri("https://truyenhinhthanhhoa.vn/"));
        thanhHoa.Feeds.ShouldContain(new Uri("https://truyenhinhthanhhoa.vn/rss/tin-tuc.rss"));
        result.Configuration.UnconfirmedChannels.ShouldContain("cao-bang-web");
        result.Configuration.UnconfirmedChannels.ShouldNotContain("thai-nguyen-web");
    }

    [Fact]
    public void Load_MinimalFolder_UsesDefaults()
    {
        WriteStation("alpha", ValidStation("alpha"));
        temp.Write("pipelines/profiles/alpha.yaml", "name: alpha\nhosts: [alpha.vn]\n");

        var configuration = PipelineLoader.Load(temp.File("pipelines")).GetValidConfiguration();

        configuration.Settings.Schedules.DefaultCron.ShouldBe("0 0/30 * * * ?");
        configuration.Settings.SqlitePath.ShouldBe(Path.Combine("data", "monitor.db"));
        var channel = configuration.Stations.Single().Channels.Single().ShouldBeOfType<WebsiteChannel>();
        channel.Schedule.ShouldBe("0 0/10 * * * ?");
        channel.Profile.ShouldBe("alpha");
    }

    [Fact]
    public void Load_MonitorYaml_ParsesDurationsAndSections()
    {
        WriteStation("alpha", ValidStation("alpha"));
        temp.Write("pipelines/profiles/alpha.yaml", "name: alpha\n");
        temp.Write("pipelines/monitor.yaml", """
            dataFolder: /var/lib/monitor
            store: { kind: sqlite, sqlite: { path: /tmp/x.db } }
            schedules: { defaultCron: "0 0 * * * ?", observationAges: [1h, 7d] }
            http: { userAgent: test, timeout: 15s, maxResponseBytes: 1048576, maxRedirects: 3 }
            politeness: { maxConcurrentPerHost: 1, minDelay: 500ms, crawlDelayCap: 1m }
            language: { negativeThreshold: 0.6, toxicThreshold: 0.8 }
            """);

        var settings = PipelineLoader.Load(temp.File("pipelines")).GetValidConfiguration().Settings;

        settings.SqlitePath.ShouldBe("/tmp/x.db");
        settings.Schedules.ObservationAges.ShouldBe([TimeSpan.FromHours(1), TimeSpan.FromDays(7)]);
        settings.Http.Timeout.ShouldBe(TimeSpan.FromSeconds(15));
        settings.Http.MaxRedirects.ShouldBe(3);
        settings.Politeness.MinDelay.ShouldBe(TimeSpan.FromMilliseconds(500));
        settings.Politeness.CrawlDelayCap.ShouldBe(TimeSpan.FromMinutes(1));
        settings.Language.ToxicThreshold.ShouldBe(0.8);
    }

    [Fact]
    public void Load_ManyProblems_ReportsEveryOneWithFileAndLine()
    {
        temp.Write("pipelines/monitor.yaml", """
            dataFolder: data
            schedules:
              defaultCron: "every day"
            http:
              timeout: soon
              colour: blue
            store:
              elasticsearch:
                apiKeyEnv: "sk-123 secret"
            """);
        temp.Write("pipelines/profiles/alpha.yaml", "name: alpha\ntitle: \"//h1[\"\n");
        WriteStation("alpha", """
            id: alpha
            name: Đài Alpha
            province: Alpha
            channels:
              - id: alpha-web
                kind: website
                schedule: "61 * * * * ?"
                baseUrl: /relative/path
                profile: missing-profile
                extra: 1
              - id: alpha-web
                kind: carrier-pigeon
            """);
        WriteStation("beta", """
            id: gamma
            name: Đài Beta
            province: Beta
            mergedInto: nowhere
            channels:
              - id: alpha-web
                kind: website
                baseUrl: https://beta.vn/
            """);

        var result = PipelineLoader.Load(temp.File("pipelines"));

        result.IsValid.ShouldBeFalse();
        var report = string.Join(Environment.NewLine, result.Problems);
        var monitor = temp.File("pipelines/monitor.yaml");
        var alpha = temp.File("pipelines/stations/alpha.yaml");
        var beta = temp.File("pipelines/stations/beta.yaml");
        var profile = temp.File("pipelines/profiles/alpha.yaml");
        ShouldHave(result, monitor, 3, "not a valid Quartz cron");
        ShouldHave(result, monitor, 5, "'timeout' must be a duration");
        ShouldHave(result, monitor, 6, "unknown key 'colour'");
        ShouldHave(result, monitor, 9, "NAME of an environment variable");
        ShouldHave(result, profile, 2, "not a valid XPath");
        ShouldHave(result, alpha, 7, "not a valid Quartz cron");
        ShouldHave(result, alpha, 8, "absolute http(s) URL");
        ShouldHave(result, alpha, 9, "unknown profile 'missing-profile'");
        ShouldHave(result, alpha, 10, "unknown key 'extra'");
        ShouldHave(result, alpha, 11, "duplicate channel id 'alpha-web'");
        ShouldHave(result, alpha, 12, "unknown channel kind 'carrier-pigeon'");
        ShouldHave(result, beta, 1, "must match its file name");
        ShouldHave(result, beta, 4, "'mergedInto' names station 'nowhere'");
        ShouldHave(result, beta, 6, "duplicate channel id 'alpha-web'");
        report.ShouldNotContain("sk-123");
        result.Problems.Count.ShouldBe(14, report);
    }

    [Fact]
    public void Load_DuplicateStationIds_ReportedWithBothFiles()
    {
        WriteStation("alpha", ValidStation("alpha"));
        WriteStation("alpha-copy", ValidStation("alpha").Replace("alpha-web", "alpha-web-2", StringComparison.Ordinal));
        temp.Write("pipelines/profiles/alpha.yaml", "name: alpha\n");

        var result = PipelineLoader.Load(temp.File("pipelines"));

        result.Problems.ShouldContain(p => p.Message.Contains("duplicate station id 'alpha'", StringComparison.Ordinal) && p.Line == 1);
    }

    [Fact]
    public void Load_TwoChannelsOnOneWebsiteHost_RefusedWithBothChannelsNamed()
    {
        WriteStation("alpha", ValidStation("alpha"));
        WriteStation("beta", ValidStation("beta").Replace("https://beta.vn/", "https://alpha.vn/", StringComparison.Ordinal));
        temp.Write("pipelines/profiles/alpha.yaml", "name: alpha\n");
        temp.Write("pipelines/profiles/beta.yaml", "name: beta\n");

        var result = PipelineLoader.Load(temp.File("pipelines"));

        result.Problems.ShouldHaveSingleItem().Message.ShouldContain("channel 'beta-web' fetches from alpha.vn, which channel 'alpha-web' already fetches from");
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsLineAndKeepsCheckingOtherFiles()
    {
        WriteStation("alpha", "id: alpha\nname: [unclosed\n");
        WriteStation("beta", ValidStation("beta").Replace("profile: beta", "profile: nope", StringComparison.Ordinal));

        var result = PipelineLoader.Load(temp.File("pipelines"));

        result.Problems.ShouldContain(p => p.File.EndsWith("alpha.yaml", StringComparison.Ordinal) && p.Message.StartsWith("YAML syntax", StringComparison.Ordinal) && p.Line >= 2);
        result.Problems.ShouldContain(p => p.File.EndsWith("beta.yaml", StringComparison.Ordinal) && p.Message.Contains("unknown profile 'nope'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFolder_SaysWhereItLooked()
    {
        var result = PipelineLoader.Load(temp.File("nope"));

        result.Problems.Single().Message.ShouldContain("does not exist");
        Should.Throw<InvalidConfigurationException>(() => result.GetValidConfiguration()).Message.ShouldContain("nope");
    }

    [Fact]
    public void RewriteChannels_NullAnswer_DropsChannelAndEmptyStation()
    {
        WriteStation("alpha", ValidStation("alpha"));
        WriteStation("beta", ValidStation("beta"));
        temp.Write("pipelines/profiles/alpha.yaml", "name: alpha\n");
        temp.Write("pipelines/profiles/beta.yaml", "name: beta\n");
        var configuration = PipelineLoader.Load(temp.File("pipelines")).GetValidConfiguration();

        var rewritten = configuration.RewriteChannels(c => c.StationId == "beta" ? null : c);

        rewritten.Stations.Select(s => s.Id).ShouldBe(["alpha"]);
        configuration.Stations.Count.ShouldBe(2);
    }

    private static void ShouldHave(Monitor.Configuration.PipelineLoadResult result, string file, int line, string text) =>
        result.Problems.ShouldContain(
            p => p.File == file && p.Line == line && p.Message.Contains(text, StringComparison.Ordinal),
            $"expected {file}:{line} '{text}' in:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");

    private void WriteStation(string fileName, string yaml) => temp.Write($"pipelines/stations/{fileName}.yaml", yaml);

    private static string ValidStation(string id) => $"""
        id: {id}
        name: Đài {id}
        province: Tỉnh {id}
        cluster: cum-2
        channels:
          - id: {id}-web
            kind: website
            schedule: "0 0/10 * * * ?"
            baseUrl: https://{id}.vn/
            profile: {id}
        """;
}
