using System.Text;
using System.Text.Json;
using Monitor.Replay.Elasticsearch;

namespace Monitor.Tests.Elasticsearch;

/// <summary>Assertions shared by the conformance tests (store exercise, setup, migrate, demo).</summary>
public static class RequestConformance
{
    public static void ShouldConform(IReadOnlyList<RecordedRequest> requests)
    {
        var spec = RestSpec.Load();
        requests.ShouldNotBeEmpty();
        var violations = requests.Select(spec.Violation).OfType<string>().Distinct().ToList();
        violations.ShouldBeEmpty();
        foreach (var request in requests)
        {
            // GET / is the version probe: plain JSON so that any version answers it.
            // The writer's own transport asks for 8; the read side's official 9.x client for 9. Content-Type agrees with Accept.
            var version = request.Accept == "application/vnd.elasticsearch+json;compatible-with=9" ? "9" : "8";
            request.Accept.ShouldBe(request.Path == "/" ? "application/json" : version == "9" ? request.Accept : "application/vnd.elasticsearch+json; compatible-with=8");
            if (request.Body.Length > 0)
            {
                request.ContentType.ShouldNotBeNull().ShouldContain("compatible-with=" + version);
            }

            if (request.Path.EndsWith("/_bulk", StringComparison.Ordinal))
            {
                ShouldBeNdjson(request.Body);
            }
            else if (request.Body.Length > 0)
            {
                Should.NotThrow(() => JsonDocument.Parse(request.Body).Dispose());
            }
        }
    }

    public static void ShouldBeNdjson(byte[] body)
    {
        body.ShouldNotBeEmpty();
        body[^1].ShouldBe((byte)'\n');
        var lines = Encoding.UTF8.GetString(body)[..^1].Split('\n');
        (lines.Length % 2).ShouldBe(0, "every action here carries a source line");
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i].ShouldNotBeEmpty();
            using var line = JsonDocument.Parse(lines[i]);
            line.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
            if (i % 2 == 0)
            {
                var action = line.RootElement.EnumerateObject().Single();
                action.Name.ShouldBeOneOf("index", "create", "update");
                action.Value.GetProperty("_id").GetString().ShouldNotBeNullOrEmpty();
            }
        }
    }
}
