
namespace Monitor.Tests.Elasticsearch;

public sealed class ElasticsearchClusterTests
{
    [Theory]
    [InlineData("9.0.0")]
    [InlineData("9.1.2")]
    [InlineData("9.5.0")]
    public async Task InitializeAsync_SupportedVersion_Succeeds(string version)
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        es.StandIn.Version = version;

        await es.Store().InitializeAsync();

        es.StandIn.DataStreamNames.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("7.17.21")]
    [InlineData("8.15.3")]
    [InlineData("8.19.0")]
    [InlineData("10.0.0")]
    public async Task InitializeAsync_UnsupportedVersion_SaysWhichVersionsWork(string version)
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        es.StandIn.Version = version;

        var error = await Should.ThrowAsync<Monitor.Storage.StoreUnavailableException>(() => es.Store().InitializeAsync());

        error.Message.ShouldContain($"Elasticsearch {version}");
        error.Message.ShouldContain("needs Elasticsearch 9.x");
        error.Message.ShouldBe(error.Message.Trim()); // one message, not a stack of them
        es.StandIn.IndexTemplateNames.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("OpenSearch")]
    public async Task InitializeAsync_NotElasticsearch_TheClientsProductCheckRefusesIt(string? product)
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        es.StandIn.ProductHeader = product;

        var error = await Should.ThrowAsync<Monitor.Storage.StoreUnavailableException>(() => es.Store().InitializeAsync());

        error.Message.ShouldContain("is not Elasticsearch");
        error.Message.ShouldContain("needs Elasticsearch 9.x");
        es.StandIn.IndexTemplateNames.ShouldBeEmpty();
    }

    [Fact]
    public async Task InitializeAsync_ClusterRed_ReportsHealthAndWritesNothing()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        es.StandIn.Health = "red";

        var error = await Should.ThrowAsync<Monitor.Storage.StoreUnavailableException>(() => es.Store().InitializeAsync());

        error.Message.ShouldContain("'red'");
        es.StandIn.Requests.ShouldContain(r => r.Path == "/_cluster/health" && r.Query.Any(q => q.Key == "wait_for_status" && q.Value == "yellow"));
        es.StandIn.IndexTemplateNames.ShouldBeEmpty();
    }

    [Fact]
    public async Task InitializeAsync_ApiKeyFromEnvironment_SentOnEveryRequest()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var variable = "MONITOR_TEST_ES_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "aWQ6c2VjcmV0");
        try
        {
            es.StandIn.RequiredAuthorization = "ApiKey aWQ6c2VjcmV0";
            var store = await es.InitializedStoreAsync(es.Options(o => o with { ApiKeyEnv = variable }));
            await store.SaveAsync(ElasticsearchSamples.Batch(1));

            es.StandIn.Requests.ShouldAllBe(r => r.Authorization == "ApiKey aWQ6c2VjcmV0");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task InitializeAsync_BasicAuthFromEnvironment_SentAndWrongOneExplained()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        var user = "MONITOR_TEST_ES_USER_" + Guid.NewGuid().ToString("N");
        var password = "MONITOR_TEST_ES_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(user, "elastic");
        Environment.SetEnvironmentVariable(password, "mat-khau");
        try
        {
            es.StandIn.RequiredAuthorization = "Basic " + Convert.ToBase64String("elastic:dung"u8.ToArray());

            var error = await Should.ThrowAsync<Monitor.Storage.StoreUnavailableException>(() => es.Store(es.Options(o => o with { UsernameEnv = user, PasswordEnv = password })).InitializeAsync());

            error.Message.ShouldContain("refused the credentials (401)");
            error.Message.ShouldNotContain("mat-khau");
            es.StandIn.Requests[0].Authorization.ShouldBe("Basic " + Convert.ToBase64String("elastic:mat-khau"u8.ToArray()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(user, null);
            Environment.SetEnvironmentVariable(password, null);
        }
    }

    [Fact]
    public async Task Create_InvalidOptions_ListsEveryProblem()
    {
        await using var es = await ElasticsearchFixture.StartAsync();

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => es.Store(es.Options(o => o with
        {
            ApiKeyEnv = "MONITOR_TEST_UNSET_KEY",
            UsernameEnv = "MONITOR_TEST_UNSET_USER",
            CaCertificatePath = "/nonexistent/http_ca.crt",
            MaxBatchDocuments = 0,
        })));

        error.Failures.Count().ShouldBeGreaterThanOrEqualTo(5);
        error.Message.ShouldContain("MONITOR_TEST_UNSET_KEY");
        error.Message.ShouldContain("/nonexistent/http_ca.crt");
    }

    [Fact]
    public async Task StandIn_MismatchedCompatibilityHeaders_Refused()
    {
        await using var es = await ElasticsearchFixture.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(es.StandIn.Url, "_cluster/health"));
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.elasticsearch+json; compatible-with=7");
        request.Content = new StringContent("{}");
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/vnd.elasticsearch+json; compatible-with=8");

        using var response = await http.SendAsync(request);

        ((int)response.StatusCode).ShouldBe(400);
        (await response.Content.ReadAsStringAsync()).ShouldContain("media_type_header_exception");
    }
}
