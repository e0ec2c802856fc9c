using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Monitor.Collection.Social;
using Monitor.Domain;

namespace Monitor.Collection.TikTok;

/// <summary>
/// Display API v2 calls. Every answer carries <c>error.code</c>; only <c>"ok"</c> is success, even
/// on HTTP 200 (CONTRACTS §5.1).
/// </summary>
internal sealed class TikTokApi(HttpClient http, Uri baseUrl, string token, string channelId)
{
    public const string VideoFields = "id,create_time,title,video_description,share_url,duration,view_count,like_count,comment_count,share_count";

    public async Task<JsonElement> SendAsync(HttpMethod method, string relative, object? body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        var response = await PlatformResponse.SendAsync(http, request, Platform.TikTok, channelId, cancellationToken);
        var error = response.Body.Child("error");
        var code = error?.Text("code");
        if (code == "ok")
        {
            return response.Body;
        }

        var status = (int)response.Status;
        var failure = code switch
        {
            "access_token_invalid" or "access_token_expired" => SocialFailure.TokenExpired,
            "scope_not_authorized" or "scope_permission_missed" or "permission_denied" => SocialFailure.PermissionRevoked,
            "rate_limit_exceeded" => SocialFailure.RateLimited,
            "invalid_params" => SocialFailure.InvalidRequest,
            _ when status == 429 => SocialFailure.RateLimited,
            _ when status == 401 => SocialFailure.TokenExpired,
            _ when status >= 500 => SocialFailure.ServerError,
            null => SocialFailure.BadResponse,
            _ => SocialFailure.InvalidRequest,
        };
        var message = ChannelCredentials.Redact(error?.Text("message") ?? $"HTTP {status.ToString(CultureInfo.InvariantCulture)} without error.code", token);
        throw new SocialApiException(Platform.TikTok, channelId, failure, code, message, response.RetryAfter);
    }
}
