using System.Net;

namespace Monitor.Collection.Web;

/// <summary>What one GET brought back, after redirects. <see cref="Body"/> holds at most the size cap.</summary>
public sealed record FetchedPage(
    Uri RequestedUrl,
    Uri FinalUrl,
    HttpStatusCode StatusCode,
    byte[] Body,
    string? MediaType,
    string? HeaderCharset,
    Validators Validators,
    bool Truncated,
    int Redirects)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    public bool NotModified => StatusCode == HttpStatusCode.NotModified;

    public DecodedText Decode() => CharsetDecoder.Decode(Body, HeaderCharset);
}

/// <summary>What a server gave to ask again conditionally: <c>If-None-Match</c> / <c>If-Modified-Since</c>.</summary>
public sealed record Validators(string? ETag, DateTimeOffset? LastModified)
{
    public static Validators None { get; } = new(null, null);

    public bool IsEmpty => ETag is null && LastModified is null;
}

/// <summary>A request that could not be completed: network error, timeout, redirect loop, robots.txt.</summary>
public sealed class WebFetchException : Exception
{
    public WebFetchException()
    {
    }

    public WebFetchException(string message)
        : base(message)
    {
    }

    public WebFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
