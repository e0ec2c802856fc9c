using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Domain;

namespace Monitor.Replay.Platforms;

/// <summary>
/// Zalo OA articles (CONTRACTS §6): token in the <c>access_token</c> header, HTTP 200 with a negative
/// <c>error</c> on failure, at most 10 per slice, only <c>total_view</c> and <c>total_share</c>.
/// </summary>
internal static class ZaloReplay
{
    public static void Map(WebApplication app, PlatformReplayContext replay)
    {
        var api = app.MapGroup("/zalo/v2.0/article");
        api.MapGet("/getslice", (HttpContext http) =>
        {
            var (account, refused) = Authorise(http, replay);
            if (refused is not null)
            {
                return refused;
            }

            var query = http.Request.Query;
            var type = query["type"].ToString();
            if (type is not ("normal" or "video"))
            {
                return Error(-201, "type accept only 2 value normal and video.");
            }

            var limit = int.TryParse(query["limit"], out var l) ? l : 10;
            if (limit > 10)
            {
                return Error(-201, "maximum limit is 10");
            }

            var offset = replay.Faults.Has(account!.AccountId, PlatformFault.RepeatingCursor) ? 0 : int.TryParse(query["offset"], out var o) ? o : 0;
            var all = replay.Catalog.Visible(account, replay.Now, replay.Faults).Where(p => p.IsVideo == (type == "video")).ToList();
            var medias = new JsonArray([.. all.Skip(offset).Take(Math.Min(limit, replay.PageSize)).Select((p, i) => (JsonNode)Article(p, replay, i == 0 && offset == 0 && type == "normal"))]);
            return ReplayJson.Send(new JsonObject { ["error"] = 0, ["message"] = "Success", ["data"] = new JsonObject { ["total"] = all.Count, ["medias"] = medias } });
        });

        api.MapGet("/getdetail", (HttpContext http) =>
        {
            var (account, refused) = Authorise(http, replay);
            if (refused is not null)
            {
                return refused;
            }

            var post = replay.Catalog.FindPost(Platform.Zalo, http.Request.Query["id"].ToString());
            if (post is null || post.Account != account || !post.IsVisible(replay.Now) || replay.Faults.IsDeleted(post.NativeId))
            {
                return Error(-201, "Article is not exist");
            }

            return ReplayJson.Send(new JsonObject { ["error"] = 0, ["message"] = "Success", ["data"] = Article(post, replay, false) });
        });
    }

    private static JsonObject Article(ReplayPost post, PlatformReplayContext replay, bool first)
    {
        var now = replay.Now;
        var article = new JsonObject
        {
            ["id"] = post.NativeId,
            ["type"] = post.IsVideo ? "video" : "normal",
            ["title"] = post.Title,
            ["description"] = post.Body,
            ["author"] = post.Account.Name,
            ["status"] = "show",
            ["create_date"] = post.PublishedAt.ToUnixTimeMilliseconds(),
            ["update_date"] = post.PublishedAt.ToUnixTimeMilliseconds() + 60_000,
            ["thumb"] = $"https://photo-replay.zadn.vn/cover/{post.NativeId[..8]}.jpg",
        };
        if (!(first && replay.Faults.Has(post.Account.AccountId, PlatformFault.MissingStatistics)))
        {
            var asStrings = replay.Faults.Has(post.Account.AccountId, PlatformFault.NumbersAsStrings);
            article["total_view"] = ReplayJson.Count(post.Views(now), asStrings);
            article["total_share"] = ReplayJson.Count(post.Shares(now), asStrings);
        }

        return article;
    }

    private static (ReplayAccount? Account, IResult? Refused) Authorise(HttpContext http, PlatformReplayContext replay)
    {
        var account = replay.Catalog.FindByToken(Platform.Zalo, http.Request.Headers["access_token"].ToString());
        if (account is null || replay.Faults.Has(account.AccountId, PlatformFault.ExpiredToken))
        {
            return (account, Error(-216, "Access token is invalid"));
        }

        if (replay.Faults.Has(account.AccountId, PlatformFault.RevokedPermission))
        {
            return (account, Error(-209, "API is not support for this OA's package or permission"));
        }

        if (replay.Faults.Has(account.AccountId, PlatformFault.RateLimited))
        {
            return (account, ReplayJson.Send(new JsonObject { ["error"] = -32, ["message"] = "Request exceeded rate limit" }, StatusCodes.Status429TooManyRequests));
        }

        return (account, null);
    }

    private static IResult Error(int code, string message) => ReplayJson.Send(new JsonObject { ["error"] = code, ["message"] = message });
}
