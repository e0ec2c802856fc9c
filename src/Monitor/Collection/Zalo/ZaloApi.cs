using System.Globalization;
using System.Text.Json;
using Monitor.Collection.Social;
using Monitor.Domain;

namespace Monitor.Collection.Zalo;

/// <summary>
/// Zalo OA article calls. The token goes in the <c>access_token</c> header (not Bearer), and
/// failure is <c>error != 0</c> inside an HTTP 200 (CONTRACTS §6).
/// </summary>
internal sealed class ZaloApi(HttpClient http, Uri baseUrl, string token, string channelId)
{
    public async Task<JsonElement> GetAsync(string relative, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, relative));
        request.Headers.Add("access_token", token);
        var response = await PlatformResponse.SendAsync(http, request, Platform.Zalo, channelId, cancellationToken);
        var code = response.Body.Count("error");
        if (code == 0 && (int)response.Status < 400)
        {
            return response.Body;
        }

        var status = (int)response.Status;
        var message = ChannelCredentials.Redact(response.Body.Text("message") ?? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}", token);
        var failure = code switch
        {
            -216 or -124 or -118 => SocialFailure.TokenExpired,
            -209 or -224 => SocialFailure.PermissionRevoked,
            -32 => SocialFailure.RateLimited,
            _ when status == 429 => SocialFailure.RateLimited,
            _ when status >= 500 => SocialFailure.ServerError,
            // The OA API has no documented not-found code; its detail call answers with a message instead.
            _ when message.Contains("not exist", StringComparison.OrdinalIgnoreCase) || message.Contains("not found", StringComparison.OrdinalIgnoreCase) => SocialFailure.NotFound,
            null => SocialFailure.BadResponse,
            _ => SocialFailure.InvalidRequest,
        };
        throw new SocialApiException(Platform.Zalo, channelId, failure, code?.ToString(CultureInfo.InvariantCulture), message, response.RetryAfter);
    }
}
