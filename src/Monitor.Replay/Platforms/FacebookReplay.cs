using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Domain;

namespace Monitor.Replay.Platforms;

/// <summary>
/// Graph API Pages as CONTRACTS §4 describes it: summaries, <c>shares</c> left out when zero,
/// <c>+0000</c> times, cursor paging with absolute <c>next</c> URLs, usage headers and error codes.
/// </summary>
internal static class FacebookReplay
{
    public static void Map(WebApplication app, PlatformReplayContext replay)
    {
        var api = app.MapGroup("/facebook/v21.0");
        api.MapGet("/{id}", (HttpContext http, string id) =>
        {
            var account = replay.Catalog.FindAccount(Platform.Facebook, id);
            if (account is not null)
            {
                if (Refuse(http, replay, account) is { } refusedPage)
                {
                    return refusedPage;
                }

                var hours = (long)Math.Max(0, (replay.Now - replay.Catalog.Origin).TotalHours);
                Usage(http, replay, account);
                return ReplayJson.Send(new JsonObject
                {
                    ["id"] = account.AccountId,
                    ["name"] = account.Name,
                    ["followers_count"] = account.BaseFollowers * 3 + (hours * account.BaseFollowers / 2000),
                    ["fan_count"] = account.BaseFollowers * 3,
                });
            }

            var post = replay.Catalog.FindPost(Platform.Facebook, id);
            if (Refuse(http, replay, post?.Account) is { } refused)
            {
                return refused;
            }

            if (post is null || !post.IsVisible(replay.Now) || replay.Faults.IsDeleted(post.NativeId))
            {
                return Error(400, 100, 33, $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", false);
            }

            Usage(http, replay, post.Account);
            return ReplayJson.Send(Post(post, replay, first: false));
        });

        api.MapGet("/{id}/published_posts", (HttpContext http, string id) =>
        {
            var account = replay.Catalog.FindAccount(Platform.Facebook, id);
            if (Refuse(http, replay, account) is { } refused)
            {
                return refused;
            }

            if (account is null)
            {
                return Error(400, 100, 33, $"Unsupported get request. Object with ID '{id}' does not exist.", false);
            }

            var all = replay.Catalog.Visible(account, replay.Now, replay.Faults);
            var size = Math.Min(replay.PageSize, int.TryParse(http.Request.Query["limit"], out var limit) ? limit : 25);
            var after = http.Request.Query["after"].ToString();
            var offset = ReplayJson.Offset(after, "QVFI");
            var page = all.Skip(offset).Take(size).ToList();
            var data = new JsonArray([.. page.Select((p, i) => (JsonNode)Post(p, replay, first: i == 0 && offset == 0))]);
            var body = new JsonObject { ["data"] = data };
            if (page.Count > 0)
            {
                var nextAfter = replay.Faults.Has(account.AccountId, PlatformFault.RepeatingCursor) && after.Length > 0 ? after : $"QVFI{offset + size}";
                var paging = new JsonObject { ["cursors"] = new JsonObject { ["before"] = $"QVFI{offset}", ["after"] = nextAfter } };
                if (offset + size < all.Count)
                {
                    var query = http.Request.Query;
                    var token = query["access_token"].ToString();
                    var next = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}?limit={size}&fields={Uri.EscapeDataString(query["fields"].ToString())}&after={nextAfter}";
                    // Real next URLs repeat the access token; the collector must strip it before following.
                    paging["next"] = token.Length > 0 ? next + "&access_token=" + token : next;
                }

                body["paging"] = paging;
            }

            Usage(http, replay, account);
            return ReplayJson.Send(body);
        });

        api.MapGet("/{id}/comments", (HttpContext http, string id) =>
        {
            var post = replay.Catalog.FindPost(Platform.Facebook, id);
            if (Refuse(http, replay, post?.Account) is { } refused)
            {
                return refused;
            }

            if (post is null || replay.Faults.IsDeleted(post.NativeId))
            {
                return Error(400, 100, 33, $"Unsupported get request. Object with ID '{id}' does not exist.", false);
            }

            var data = new JsonArray([.. ReplayComments.For(post, replay.Now).Select(c => (JsonNode)new JsonObject
            {
                ["id"] = $"{post.NativeId.Split('_')[1]}_{c.Id[^2..]}{post.Index}",
                ["message"] = c.Text,
                ["from"] = new JsonObject { ["name"] = c.Author, ["id"] = "100" + c.Likes },
                ["created_time"] = ReplayJson.GraphTime(c.At),
                ["like_count"] = c.Likes,
            })]);
            Usage(http, replay, post.Account);
            return ReplayJson.Send(new JsonObject { ["data"] = data });
        });
    }

    private static JsonObject Post(ReplayPost post, PlatformReplayContext replay, bool first)
    {
        var now = replay.Now;
        var asStrings = replay.Faults.Has(post.Account.AccountId, PlatformFault.NumbersAsStrings);
        var json = new JsonObject
        {
            ["id"] = post.NativeId,
            ["created_time"] = ReplayJson.GraphTime(post.PublishedAt),
            ["updated_time"] = ReplayJson.GraphTime(post.PublishedAt + TimeSpan.FromMinutes(3)),
            ["message"] = post.Body,
            ["permalink_url"] = $"https://www.facebook.com/{post.Account.AccountId}/posts/{post.NativeId.Split('_')[1]}",
            ["status_type"] = "added_photos",
            ["attachments"] = new JsonObject
            {
                ["data"] = new JsonArray(new JsonObject { ["media_type"] = "link", ["url"] = post.Link, ["title"] = post.Title }),
            },
        };
        if (first && replay.Faults.Has(post.Account.AccountId, PlatformFault.MissingStatistics))
        {
            return json;
        }

        var shares = post.Shares(now);
        if (shares > 0)
        {
            json["shares"] = new JsonObject { ["count"] = ReplayJson.Count(shares, asStrings) };
        }

        json["reactions"] = new JsonObject { ["data"] = new JsonArray(), ["summary"] = new JsonObject { ["total_count"] = ReplayJson.Count(post.Reactions(now), asStrings), ["viewer_reaction"] = "NONE" } };
        json["comments"] = new JsonObject { ["data"] = new JsonArray(), ["summary"] = new JsonObject { ["order"] = "ranked", ["total_count"] = ReplayJson.Count(post.Comments(now), asStrings), ["can_comment"] = true } };
        return json;
    }

    private static void Usage(HttpContext http, PlatformReplayContext replay, ReplayAccount account)
    {
        var high = replay.Faults.Has(account.AccountId, PlatformFault.HighUsage);
        var percent = high ? 90 : 12;
        http.Response.Headers["X-App-Usage"] = $"{{\"call_count\":{percent.ToString(CultureInfo.InvariantCulture)},\"total_time\":8,\"total_cputime\":6}}";
        http.Response.Headers["X-Business-Use-Case-Usage"] =
            $"{{\"{account.AccountId}\":[{{\"type\":\"pages\",\"call_count\":{percent.ToString(CultureInfo.InvariantCulture)},\"total_cputime\":5,\"total_time\":7,\"estimated_time_to_regain_access\":{(high ? 10 : 0).ToString(CultureInfo.InvariantCulture)}}}]}}";
    }

    private static IResult? Refuse(HttpContext http, PlatformReplayContext replay, ReplayAccount? account)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : http.Request.Query["access_token"].ToString();
        if (token.Length == 0)
        {
            return Error(400, 104, null, "An access token is required to request this resource.", false);
        }

        if (account is null)
        {
            return null;
        }

        var faults = replay.Faults;
        if (faults.Has(account.AccountId, PlatformFault.RateLimited))
        {
            http.Response.Headers["X-Business-Use-Case-Usage"] =
                $"{{\"{account.AccountId}\":[{{\"type\":\"pages\",\"call_count\":100,\"total_cputime\":12,\"total_time\":15,\"estimated_time_to_regain_access\":17}}]}}";
            return Error(403, 32, null, "(#32) Page request limit reached", true);
        }

        return faults.Has(account.AccountId, PlatformFault.ExpiredToken)
                ? Error(400, 190, 463, "Error validating access token: Session has expired on Saturday, 21-Nov-26 23:00:00 PST.", false)
            : faults.Has(account.AccountId, PlatformFault.RevokedPermission)
                ? Error(403, 10, null, "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature.", false)
            : null;
    }

    private static IResult Error(int status, int code, int? subcode, string message, bool transient)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = "OAuthException", ["code"] = code, ["is_transient"] = transient, ["fbtrace_id"] = "AbCdReplay01" };
        if (subcode is { } s)
        {
            error["error_subcode"] = s;
        }

        return ReplayJson.Send(new JsonObject { ["error"] = error }, status);
    }
}
