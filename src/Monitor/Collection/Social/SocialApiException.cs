using Monitor.Domain;

namespace Monitor.Collection.Social;

/// <summary>Why a platform call failed, decided from the error body (not the HTTP status alone).</summary>
public enum SocialFailure
{
    MissingCredentials,
    TokenExpired,
    PermissionRevoked,
    RateLimited,
    QuotaExceeded,
    NotFound,
    InvalidRequest,
    ServerError,
    BadResponse,
}

/// <summary>
/// A platform API refused or broke a call. The message names the platform, channel, failure and the
/// platform's error code — never a token. <see cref="IsTransient"/> tells the runner whether trying
/// the same channel later can succeed without a human.
/// </summary>
public sealed class SocialApiException : SourceFailureException
{
    public SocialApiException(Platform platform, string channelId, SocialFailure failure, string? errorCode, string detail, TimeSpan? retryAfter = null)
        : base($"{platform.ToWire()} channel {channelId}: {Describe(failure)} (error code {errorCode ?? "none"}): {detail}",
            // The runner treats an HTTP 5xx underneath as temporary; the outer message already says it all.
            failure == SocialFailure.ServerError ? new HttpRequestException(Describe(failure), null, System.Net.HttpStatusCode.ServiceUnavailable) : null)
    {
        Platform = platform;
        ChannelId = channelId;
        Failure = failure;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    public SocialApiException()
    {
        ChannelId = string.Empty;
    }

    public SocialApiException(string message)
        : base(message)
    {
        ChannelId = string.Empty;
    }

    public SocialApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ChannelId = string.Empty;
    }

    public Platform Platform { get; }

    public string ChannelId { get; }

    public SocialFailure Failure { get; }

    public string? ErrorCode { get; }

    public TimeSpan? RetryAfter { get; }

    public override bool IsTransient => Failure is SocialFailure.RateLimited or SocialFailure.QuotaExceeded or SocialFailure.ServerError;

    private static string Describe(SocialFailure failure) => failure switch
    {
        SocialFailure.MissingCredentials => "credentials missing",
        SocialFailure.TokenExpired => "access token invalid or expired — renew it",
        SocialFailure.PermissionRevoked => "permission revoked or not granted — re-authorise the app",
        SocialFailure.RateLimited => "rate limited",
        SocialFailure.QuotaExceeded => "quota exhausted",
        SocialFailure.NotFound => "not found",
        SocialFailure.InvalidRequest => "invalid request",
        SocialFailure.ServerError => "server error",
        SocialFailure.BadResponse => "unreadable response",
        _ => failure.ToString(),
    };
}
