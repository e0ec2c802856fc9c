using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Domain;

namespace Monitor.Replay.Platforms;

/// <summary>
/// TikTok Display API v2 (CONTRACTS §5.1): the token decides the account, <c>fields</c> in the query,
/// JSON body, millisecond cursor, <c>error.code == "ok"</c> on success.
/// </summary>
internal static class TikTokReplay
{
    public static void Map(WebApplication app, PlatformReplayContext replay)
    {
        var api = app.MapGroup("/tiktok/v2/video");
        api.MapPost("/list/", async (HttpContext http) =>
        {
            var (account, refused) = Authorise(http, replay);
            if (refused is not null)
            {
                return refused;
            }

            using var request = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var max = request.RootElement.TryGetProperty("max_count", out var m) && m.TryGetInt32(out var mc) ? mc : 10;
            if (max is < 1 or > 20)
            {
                return Error(400, "invalid_params", "max_count must be between 1 and 20");
            }

            long? cursor = request.RootElement.TryGetProperty("cursor", out var c) && c.TryGetInt64(out var cv) ? cv : null;
            var all = replay.Catalog.Visible(account!, replay.Now, replay.Faults);
            var size = Math.Min(max, replay.PageSize);
            var page = all.Where(p => cursor is null || p.PublishedAt.ToUnixTimeMilliseconds() < cursor).Take(size).ToList();
            var more = page.Count > 0 && all.Any(p => p.PublishedAt < page[^1].PublishedAt);
            long nextCursor = page.Count > 0 ? page[^1].PublishedAt.ToUnixTimeMilliseconds() : cursor ?? 0;
            if (replay.Faults.Has(account!.AccountId, PlatformFault.RepeatingCursor) && cursor is { } asked)
            {
                nextCursor = asked;
                more = true;
            }

            var data = new JsonObject
            {
                ["videos"] = Videos(page, replay, firstPage: cursor is null),
                ["cursor"] = nextCursor,
                ["has_more"] = more,
            };
            return Ok(data);
        });

        api.MapPost("/query/", async (HttpContext http) =>
        {
            var (account, refused) = Authorise(http, replay);
            if (refused is not null)
            {
                return refused;
            }

            using var request = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var ids = request.RootElement.TryGetProperty("filters", out var f) && f.TryGetProperty("video_ids", out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToList()
                : [];
            if (ids.Count is 0 or > 20)
            {
                return Error(400, "invalid_params", "video_ids must hold between 1 and 20 ids");
            }

            // Only the authorising account's own videos come back; unknown or deleted ids are left out.
            var posts = ids.Select(id => replay.Catalog.FindPost(Platform.TikTok, id))
                .Where(p => p is not null && p.Account == account && p.IsVisible(replay.Now) && !replay.Faults.IsDeleted(p.NativeId))
                .Cast<ReplayPost>().ToList();
            return Ok(new JsonObject { ["videos"] = Videos(posts, replay, firstPage: true), ["cursor"] = 0, ["has_more"] = false });
        });
    }

    private static JsonArray Videos(List<ReplayPost> posts, PlatformReplayContext replay, bool firstPage)
    {
        var now = replay.Now;
        var result = new JsonArray();
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            var asStrings = replay.Faults.Has(post.Account.AccountId, PlatformFault.NumbersAsStrings);
            var video = new JsonObject
            {
                ["id"] = post.NativeId,
                ["create_time"] = post.PublishedAt.ToUnixTimeSeconds(),
                ["title"] = post.Title,
                ["video_description"] = $"{post.Title} #tintuc #{post.Account.AccountId}",
                ["duration"] = 30 + (post.Index * 7 % 50),
                ["share_url"] = $"https://www.tiktok.com/@{post.Account.AccountId}/video/{post.NativeId}",
            };
            if (!(firstPage && i == 0 && replay.Faults.Has(post.Account.AccountId, PlatformFault.MissingStatistics)))
            {
                video["view_count"] = ReplayJson.Count(post.Views(now), asStrings);
                video["like_count"] = ReplayJson.Count(post.Reactions(now), asStrings);
                video["comment_count"] = ReplayJson.Count(post.Comments(now), asStrings);
                video["share_count"] = ReplayJson.Count(post.Shares(now), asStrings);
            }

            result.Add(video);
        }

        return result;
    }

    private static (ReplayAccount? Account, IResult? Refused) Authorise(HttpContext http, PlatformReplayContext replay)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var account = header.StartsWith("Bearer ", StringComparison.Ordinal) ? replay.Catalog.FindByToken(Platform.TikTok, header[7..]) : null;
        if (account is null || replay.Faults.Has(account.AccountId, PlatformFault.ExpiredToken))
        {
            return (account, Error(401, "access_token_invalid", "The access token is invalid or not found in the request."));
        }

        if (replay.Faults.Has(account.AccountId, PlatformFault.RevokedPermission))
        {
            return (account, Error(401, "scope_not_authorized", "The user did not authorize the scope required for completing this request."));
        }

        if (replay.Faults.Has(account.AccountId, PlatformFault.RateLimited))
        {
            http.Response.Headers.RetryAfter = "60";
            return (account, Error(429, "rate_limit_exceeded", "API rate limit was exceeded."));
        }

        return (account, null);
    }

    private static IResult Ok(JsonObject data) =>
        ReplayJson.Send(new JsonObject { ["data"] = data, ["error"] = new JsonObject { ["code"] = "ok", ["message"] = string.Empty, ["log_id"] = "20261122RPLOK" } });

    private static IResult Error(int status, string code, string message) =>
        ReplayJson.Send(new JsonObject { ["data"] = new JsonObject(), ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["log_id"] = "20261122RPLERR" } }, status);
}
