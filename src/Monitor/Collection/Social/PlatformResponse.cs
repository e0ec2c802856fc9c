using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitor.Domain;

namespace Monitor.Collection.Social;

/// <summary>One platform answer: status, headers and the parsed JSON body (errors live in the body).</summary>
internal sealed record PlatformResponse(HttpStatusCode Status, HttpResponseHeaders Headers, JsonElement Body)
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public TimeSpan? RetryAfter => Headers.RetryAfter?.Delta;

    public static async Task<PlatformResponse> SendAsync(
        HttpClient client, HttpRequestMessage request, Platform platform, string channelId, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new SocialApiException(platform, channelId, SocialFailure.BadResponse, null, $"response larger than {MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            var failure = (int)response.StatusCode >= 500 ? SocialFailure.ServerError : SocialFailure.BadResponse;
            throw new SocialApiException(platform, channelId, failure, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"HTTP {(int)response.StatusCode} with a body that is not JSON");
        }

        return new PlatformResponse(response.StatusCode, response.Headers, body);
    }
}
