using System.Net.Http.Headers;
using System.Text.Json;

namespace Monitor.Worker.Commands.Setup;

public sealed record KibanaObjectError(string File, string Type, string Id, string Title, string Error);

public sealed record KibanaImportReport(int Imported, IReadOnlyList<KibanaObjectError> Errors)
{
    public bool Success => Errors.Count == 0;
}

/// <summary>
/// Imports <c>dashboards/kibana/*.ndjson</c> through the saved-objects import API with overwrite,
/// file by file in name order (data views first). Kibana answers 200 even when objects fail, so
/// the answer's <c>errors[]</c> is read and every failed object reported.
/// </summary>
internal sealed class KibanaImporter(HttpClient http, AuthenticationHeaderValue? authorization, TimeProvider clock)
{
    public async Task<KibanaImportReport> ImportAsync(Uri kibana, string folder, TimeSpan waitForKibana, CancellationToken cancellationToken = default)
    {
        var files = Directory.GetFiles(folder, "*.ndjson").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No *.ndjson files in {Path.GetFullPath(folder)}.");
        }

        await WaitUntilAvailableAsync(kibana, waitForKibana, cancellationToken);
        var imported = 0;
        var errors = new List<KibanaObjectError>();
        foreach (var file in files)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(kibana, "api/saved_objects/_import?overwrite=true"));
            request.Headers.Add("kbn-xsrf", "true");
            request.Headers.Authorization = authorization;
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(file, cancellationToken));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ndjson");
            form.Add(content, "file", Path.GetFileName(file));
            request.Content = form;
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Kibana refused {Path.GetFileName(file)} with {(int)response.StatusCode}: {body}");
            }

            using var answer = JsonDocument.Parse(body);
            imported += answer.RootElement.GetProperty("successCount").GetInt32();
            foreach (var error in answer.RootElement.TryGetProperty("errors", out var list) ? list.EnumerateArray() : default)
            {
                var detail = error.GetProperty("error");
                var type = detail.GetProperty("type").GetString() ?? "unknown";
                if (detail.TryGetProperty("references", out var references))
                {
                    type += ": " + string.Join(", ", references.EnumerateArray().Select(r => $"{r.GetProperty("type").GetString()}/{r.GetProperty("id").GetString()}"));
                }

                errors.Add(new KibanaObjectError(
                    Path.GetFileName(file),
                    error.GetProperty("type").GetString() ?? "?",
                    error.GetProperty("id").GetString() ?? "?",
                    error.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty,
                    type));
            }
        }

        return new KibanaImportReport(imported, errors);
    }

    private async Task WaitUntilAvailableAsync(Uri kibana, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + wait;
        while (true)
        {
            string state;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(kibana, "api/status"));
                request.Headers.Authorization = authorization;
                using var response = await http.SendAsync(request, cancellationToken);
                using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                state = status.RootElement.TryGetProperty("status", out var s) && s.TryGetProperty("overall", out var o) && o.TryGetProperty("level", out var l)
                    ? l.GetString() ?? "unknown"
                    : $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception exception) when (exception is HttpRequestException or JsonException)
            {
                state = exception.Message;
            }

            if (state == "available")
            {
                return;
            }

            if (clock.GetUtcNow() >= deadline)
            {
                throw new InvalidOperationException($"Kibana at {kibana} is not available after {wait.TotalSeconds:0}s (last: {state}).");
            }

            await Task.Delay(TimeSpan.FromSeconds(5), clock, cancellationToken);
        }
    }
}
