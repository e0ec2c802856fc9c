using System.Collections.Concurrent;

namespace Monitor.Replay.Platforms;

/// <summary>What a replayed account can be made to do wrong, one switch per failure the collectors must survive.</summary>
public enum PlatformFault
{
    /// <summary>The token is refused as expired (YouTube keyInvalid, Graph 190/463, TikTok access_token_invalid, Zalo -216).</summary>
    ExpiredToken,

    /// <summary>The token lost its permission (YouTube forbidden, Graph #10, TikTok scope_not_authorized, Zalo -209).</summary>
    RevokedPermission,

    /// <summary>Throttled (YouTube rateLimitExceeded, Graph #32 with usage header, TikTok HTTP 429, Zalo HTTP 429 / -32).</summary>
    RateLimited,

    /// <summary>YouTube only: 403 quotaExceeded.</summary>
    QuotaExceeded,

    /// <summary>The first item of a response comes without its engagement numbers.</summary>
    MissingStatistics,

    /// <summary>Counts sent as JSON strings where the platform normally sends numbers.</summary>
    NumbersAsStrings,

    /// <summary>Paging hands back the cursor it was just given (offset ignored for Zalo).</summary>
    RepeatingCursor,

    /// <summary>Facebook only: usage headers report 90% of the limit.</summary>
    HighUsage,
}

/// <summary>Fault switches, per replayed account, that tests flip between collection runs.</summary>
public sealed class PlatformFaults
{
    private readonly ConcurrentDictionary<(string Account, PlatformFault Fault), bool> active = new();
    private readonly ConcurrentDictionary<string, bool> deleted = new(StringComparer.Ordinal);

    public void Set(string accountId, PlatformFault fault) => active[(accountId, fault)] = true;

    public void Clear(string accountId, PlatformFault fault) => active.TryRemove((accountId, fault), out _);

    public bool Has(string accountId, PlatformFault fault) => active.ContainsKey((accountId, fault));

    /// <summary>Deletes an item on the platform: gone from listings, "not found" when asked for by id.</summary>
    public void Delete(string nativeId) => deleted[nativeId] = true;

    public bool IsDeleted(string nativeId) => deleted.ContainsKey(nativeId);
}
