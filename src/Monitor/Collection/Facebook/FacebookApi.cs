using System.Globalization;
using System.Net;
using System.Text.Json;
using Monitor.Collection.Social;
using Monitor.Domain;

namespace Monitor.Collection.Facebook;

/// <summary>
/// Graph API calls for one Page run. The Page token travels in the <c>Authorization</c> header;
/// <c>paging.next</c> URLs are followed with any <c>access_token</c> query parameter removed so a
/// token never sits in a URL we request or log. Errors are decided on <c>error.code</c>
/// (CONTRACTS §4.4), never on the HTTP status alone.
/// </summary>
internal sealed class FacebookApi(HttpClient http, Uri baseUrl, string token, string channelId)
{
    public FacebookUsage LastUsage { get; private set; } = new(0, null);

    public Task<JsonElement> GetAsync(string relative, CancellationToken cancellationToken = default) =>
        GetAbsoluteAsync(new Uri(baseUrl, relative), cancellationToken);

    public async Task<JsonElement> GetAbsoluteAsync(Uri url, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, WithoutToken(url));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await PlatformResponse.SendAsync(http, request, Platform.Facebook, channelId, cancellationToken);
        LastUsage = FacebookUsage.Read(response.Headers);
        if (response.Body.Child("error") is { } error)
        {
            throw Classify(response, error);
        }

        if (response.Status != HttpStatusCode.OK)
        {
            throw new SocialApiException(Platform.Facebook, channelId,
                (int)response.Status >= 500 ? SocialFailure.ServerError : SocialFailure.BadResponse,
                ((int)response.Status).ToString(CultureInfo.InvariantCulture), "HTTP error without an error body");
        }

        return response.Body;
    }

    private SocialApiException Classify(PlatformResponse response, JsonElement error)
    {
        var code = error.Count("code") ?? -1;
        var subcode = error.Count("error_subcode");
        var message = ChannelCredentials.Redact(error.Text("message") ?? "no message", token);
        var failure = code switch
        {
            190 or 102 or 463 or 467 => SocialFailure.TokenExpired,
            10 or (>= 200 and <= 299) => SocialFailure.PermissionRevoked,
            4 or 17 or 32 or 613 or 80001 => SocialFailure.RateLimited,
            100 when subcode == 33 => SocialFailure.NotFound,
            803 => SocialFailure.NotFound,
            1 or 2 => SocialFailure.ServerError,
            _ => SocialFailure.InvalidRequest,
        };
        var retryAfter = response.RetryAfter ?? LastUsage.RegainAccessIn;
        var codeText = subcode is { } s ? $"{code}/{s}" : code.ToString(CultureInfo.InvariantCulture);
        return new SocialApiException(Platform.Facebook, channelId, failure, codeText, message, retryAfter);
    }

    private static Uri WithoutToken(Uri url)
    {
        if (string.IsNullOrEmpty(url.Query))
        {
            return url;
        }

        var kept = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("access_token=", StringComparison.OrdinalIgnoreCase));
        return new UriBuilder(url) { Query = string.Join('&', kept) }.Uri;
    }
}
