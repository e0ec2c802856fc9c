using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Domain;

namespace Monitor.Replay.Platforms;

/// <summary>YouTube Data API v3 as CONTRACTS §3 describes it: statistics as strings, Google error bodies.</summary>
internal static class YouTubeReplay
{
    public static void Map(WebApplication app, PlatformReplayContext replay)
    {
        var api = app.MapGroup("/youtube/v3");
        api.MapGet("/channels", (HttpContext http) =>
        {
            var channelId = http.Request.Query["id"].ToString();
            var account = replay.Catalog.FindAccount(Platform.YouTube, channelId);
            if (Refuse(http, replay, account) is { } refused)
            {
                return refused;
            }

            var items = new JsonArray();
            if (account is not null)
            {
                var uploads = "UU" + account.AccountId[2..];
                var hours = (long)Math.Max(0, (replay.Now - replay.Catalog.Origin).TotalHours);
                items.Add(new JsonObject
                {
                    ["kind"] = "youtube#channel",
                    ["id"] = account.AccountId,
                    ["contentDetails"] = new JsonObject { ["relatedPlaylists"] = new JsonObject { ["likes"] = string.Empty, ["uploads"] = uploads } },
                    ["statistics"] = new JsonObject
                    {
                        ["viewCount"] = (account.BaseFollowers * 40).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["subscriberCount"] = (account.BaseFollowers + (hours * account.BaseFollowers / 5000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["hiddenSubscriberCount"] = false,
                        ["videoCount"] = "13",
                    },
                });
            }

            return ReplayJson.Send(new JsonObject { ["kind"] = "youtube#channelListResponse", ["etag"] = "rpl-ch", ["pageInfo"] = PageInfo(items.Count, items.Count), ["items"] = items });
        });

        api.MapGet("/playlistItems", (HttpContext http) =>
        {
            var playlist = http.Request.Query["playlistId"].ToString();
            var account = playlist.StartsWith("UU", StringComparison.Ordinal) ? replay.Catalog.FindAccount(Platform.YouTube, "UC" + playlist[2..]) : null;
            if (Refuse(http, replay, account) is { } refused)
            {
                return refused;
            }

            if (account is null)
            {
                return Error(404, "playlistNotFound", "The playlist identified with the request's playlistId parameter cannot be found.", "youtube.playlistItem");
            }

            var all = replay.Catalog.Visible(account, replay.Now, replay.Faults);
            var size = Math.Min(replay.PageSize, int.TryParse(http.Request.Query["maxResults"], out var max) ? max : 5);
            var requested = http.Request.Query["pageToken"].ToString();
            var offset = ReplayJson.Offset(requested, "CAUQ");
            var page = all.Skip(offset).Take(size).ToList();
            var body = new JsonObject { ["kind"] = "youtube#playlistItemListResponse", ["etag"] = "rpl-pl", ["pageInfo"] = PageInfo(all.Count, size) };
            if (offset + size < all.Count)
            {
                body["nextPageToken"] = replay.Faults.Has(account.AccountId, PlatformFault.RepeatingCursor) && requested.Length > 0 ? requested : $"CAUQ{offset + size}";
            }

            body["items"] = new JsonArray([.. page.Select((p, i) => (JsonNode)new JsonObject
            {
                ["kind"] = "youtube#playlistItem",
                ["id"] = "VV" + p.NativeId,
                ["snippet"] = new JsonObject
                {
                    ["publishedAt"] = ReplayJson.Rfc3339(p.PublishedAt + TimeSpan.FromSeconds(55)),
                    ["title"] = p.Title,
                    ["position"] = offset + i,
                    ["resourceId"] = new JsonObject { ["kind"] = "youtube#video", ["videoId"] = p.NativeId },
                },
                ["contentDetails"] = new JsonObject { ["videoId"] = p.NativeId, ["videoPublishedAt"] = ReplayJson.Rfc3339(p.PublishedAt) },
            })]);
            return ReplayJson.Send(body);
        });

        api.MapGet("/videos", (HttpContext http) =>
        {
            var ids = http.Request.Query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 50)
            {
                return Error(400, "badRequest", "The request specifies more than 50 video ids.", "youtube.parameter");
            }

            var posts = ids.Select(id => replay.Catalog.FindPost(Platform.YouTube, id))
                .Where(p => p is not null && p.IsVisible(replay.Now) && !replay.Faults.IsDeleted(p.NativeId)).Cast<ReplayPost>().ToList();
            if (Refuse(http, replay, posts.FirstOrDefault()?.Account) is { } refused)
            {
                return refused;
            }

            var items = new JsonArray();
            var first = true;
            foreach (var post in posts)
            {
                var now = replay.Now;
                var video = new JsonObject
                {
                    ["kind"] = "youtube#video",
                    ["id"] = post.NativeId,
                    ["snippet"] = new JsonObject
                    {
                        ["publishedAt"] = ReplayJson.Rfc3339(post.PublishedAt),
                        ["channelId"] = post.Account.AccountId,
                        ["title"] = post.Title,
                        ["description"] = post.Body,
                        ["channelTitle"] = post.Account.Name,
                        ["defaultAudioLanguage"] = "vi",
                    },
                };
                if (!(first && replay.Faults.Has(post.Account.AccountId, PlatformFault.MissingStatistics)))
                {
                    var statistics = new JsonObject { ["viewCount"] = ReplayJson.Count(post.Views(now), true), ["favoriteCount"] = "0" };
                    // Some channels hide likes: likeCount is then absent, not zero.
                    if (post.Index % 7 != 3)
                    {
                        statistics["likeCount"] = ReplayJson.Count(post.Reactions(now), true);
                    }

                    statistics["commentCount"] = ReplayJson.Count(post.Comments(now), true);
                    video["statistics"] = statistics;
                }

                first = false;
                items.Add(video);
            }

            return ReplayJson.Send(new JsonObject { ["kind"] = "youtube#videoListResponse", ["etag"] = "rpl-v", ["items"] = items, ["pageInfo"] = PageInfo(items.Count, items.Count) });
        });

        api.MapGet("/commentThreads", (HttpContext http) =>
        {
            var post = replay.Catalog.FindPost(Platform.YouTube, http.Request.Query["videoId"].ToString());
            if (Refuse(http, replay, post?.Account) is { } refused)
            {
                return refused;
            }

            if (post is null || replay.Faults.IsDeleted(post.NativeId))
            {
                return Error(404, "videoNotFound", "The video identified by the videoId parameter could not be found.", "youtube.commentThread");
            }

            var items = new JsonArray([.. ReplayComments.For(post, replay.Now).Select(c => (JsonNode)new JsonObject
            {
                ["kind"] = "youtube#commentThread",
                ["id"] = c.Id,
                ["snippet"] = new JsonObject
                {
                    ["videoId"] = post.NativeId,
                    ["topLevelComment"] = new JsonObject
                    {
                        ["kind"] = "youtube#comment",
                        ["id"] = c.Id,
                        ["snippet"] = new JsonObject
                        {
                            ["textDisplay"] = c.Text,
                            ["textOriginal"] = c.Text,
                            ["authorDisplayName"] = c.Author,
                            ["likeCount"] = c.Likes,
                            ["publishedAt"] = ReplayJson.Rfc3339(c.At),
                            ["updatedAt"] = ReplayJson.Rfc3339(c.At),
                        },
                    },
                    ["totalReplyCount"] = 0,
                },
            })]);
            return ReplayJson.Send(new JsonObject { ["kind"] = "youtube#commentThreadListResponse", ["items"] = items, ["pageInfo"] = PageInfo(items.Count, 100) });
        });
    }

    private static IResult? Refuse(HttpContext http, PlatformReplayContext replay, ReplayAccount? account)
    {
        var key = http.Request.Headers["X-Goog-Api-Key"].ToString();
        if (key.Length == 0)
        {
            key = http.Request.Query["key"].ToString();
        }

        if (key.Length == 0)
        {
            return Error(403, "forbidden", "The request is missing a valid API key.", "global");
        }

        if (account is null)
        {
            return null;
        }

        var faults = replay.Faults;
        return faults.Has(account.AccountId, PlatformFault.ExpiredToken) ? Error(400, "keyInvalid", "API key expired. Please renew the API key.", "usageLimits")
            : faults.Has(account.AccountId, PlatformFault.RevokedPermission) ? Error(403, "forbidden", "The caller does not have permission", "global")
            : faults.Has(account.AccountId, PlatformFault.QuotaExceeded) ? Error(403, "quotaExceeded", "The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.", "youtube.quota")
            : faults.Has(account.AccountId, PlatformFault.RateLimited) ? Error(403, "rateLimitExceeded", "The request cannot be completed because you have exceeded your rate limit.", "youtube.quota")
            : null;
    }

    private static IResult Error(int code, string reason, string message, string domain) => ReplayJson.Send(new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = domain, ["reason"] = reason }),
        },
    }, code);

    private static JsonObject PageInfo(int total, int perPage) => new() { ["totalResults"] = total, ["resultsPerPage"] = perPage };
}
