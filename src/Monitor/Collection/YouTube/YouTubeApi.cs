using System.Globalization;
using System.Net;
using System.Text.Json;
using Monitor.Collection.Social;
using Monitor.Domain;
using Monitor.Telemetry;

namespace Monitor.Collection.YouTube;

/// <summary>
/// Calls the Data API v3 for one channel run. Every call is charged to the key's quota day before
/// it is sent (invalid calls are charged too, CONTRACTS §3.2); the key goes in the
/// <c>X-Goog-Api-Key</c> header so it never sits in a URL that could be logged.
/// </summary>
internal sealed class YouTubeApi(HttpClient http, Uri baseUrl, string apiKey, string channelId, string quotaKey, IObservationState state, TimeProvider clock, int dailyBudget)
{
    public async Task<JsonElement> GetAsync(string relative, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var day = YouTubeQuota.DayKey(now);
        // Take the unit first and look at the total the store counted with it: workers sharing a key
        // each get a different total, so the one that would go past the budget gives its unit back
        // instead of calling. Checking before adding would let two workers both see room for one.
        var spent = await state.AddQuotaUnitsAsync(quotaKey, day, 1, cancellationToken);
        MonitorMeter.RecordQuotaLeft(quotaKey, Math.Max(0, dailyBudget - spent));
        if (spent > dailyBudget)
        {
            await state.AddQuotaUnitsAsync(quotaKey, day, -1, CancellationToken.None);
            throw new SocialApiException(Platform.YouTube, channelId, SocialFailure.QuotaExceeded, "dailyBudget",
                $"the configured daily budget of {dailyBudget} units is used up for {day} (Pacific)");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, relative));
        request.Headers.Add("X-Goog-Api-Key", apiKey);
        var response = await PlatformResponse.SendAsync(http, request, Platform.YouTube, channelId, cancellationToken);
        if (response.Body.Child("error") is { } error)
        {
            throw Classify(response, error);
        }

        if (response.Status != HttpStatusCode.OK)
        {
            throw new SocialApiException(Platform.YouTube, channelId,
                (int)response.Status >= 500 ? SocialFailure.ServerError : SocialFailure.BadResponse,
                ((int)response.Status).ToString(CultureInfo.InvariantCulture), "HTTP error without an error body");
        }

        return response.Body;
    }

    private SocialApiException Classify(PlatformResponse response, JsonElement error)
    {
        var reason = error.Array("errors").Select(e => e.Text("reason")).FirstOrDefault(r => r is not null) ?? error.Text("status");
        var code = error.Count("code") ?? (int)response.Status;
        var message = ChannelCredentials.Redact(error.Text("message") ?? "no message", apiKey);
        var failure = reason switch
        {
            "quotaExceeded" or "dailyLimitExceeded" => SocialFailure.QuotaExceeded,
            "rateLimitExceeded" or "userRateLimitExceeded" => SocialFailure.RateLimited,
            "keyInvalid" or "keyExpired" or "authError" or "unauthorized" => SocialFailure.TokenExpired,
            "forbidden" or "insufficientPermissions" or "accessNotConfigured" or "ipRefererBlocked" or "commentsDisabled" => SocialFailure.PermissionRevoked,
            "videoNotFound" or "playlistNotFound" or "channelNotFound" or "notFound" => SocialFailure.NotFound,
            _ when code == 401 => SocialFailure.TokenExpired,
            _ when code == 429 => SocialFailure.RateLimited,
            _ when code >= 500 => SocialFailure.ServerError,
            _ when code == 404 => SocialFailure.NotFound,
            _ => SocialFailure.InvalidRequest,
        };
        return new SocialApiException(Platform.YouTube, channelId, failure, reason ?? code.ToString(CultureInfo.InvariantCulture), message, response.RetryAfter);
    }
}
