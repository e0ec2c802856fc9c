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
            // The official 9.x client asks for the 9.x API wherever it names a version, and never for another one.
            var where = $"{request.Method} {request.Path} (Accept {request.Accept}, Content-Type {request.ContentType})";
            request.Accept.ShouldNotBeNull(where);
            if (request.Accept.Contains("compatible-with", StringComparison.Ordinal) || request.ContentType?.Contains("compatible-with", StringComparison.Ordinal) == true)
            {
                request.Accept.ShouldContain("compatible-with=9", customMessage: where);
                if (request.Body.Length > 0)
                {
                    request.ContentType.ShouldNotBeNull().ShouldContain("compatible-with=9", customMessage: where);
                }
            }

            if (request.Path.EndsWith("/_bulk", StringComparison.Ordinal))
            {
                request.ContentType.ShouldBe("application/vnd.elasticsearch+x-ndjson;compatible-with=9", where);
                request.Accept.ShouldBe("application/vnd.elasticsearch+json;compatible-with=9", where);
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
