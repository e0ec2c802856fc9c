using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Monitor.Collection.Social;
using Monitor.Domain;

namespace Monitor.Collection.Facebook;

/// <summary>
/// Facebook Pages through the Graph API: <c>published_posts</c> with reaction, comment and share
/// summaries (one call per 50 posts), single-post reads for older posts still on their observation
/// schedule, and the first page of comments for posts whose comment count grew. When the usage
/// headers pass the configured ceiling, the run stops early and the Page pauses — slowing down
/// before Facebook throttles us.
/// </summary>
internal sealed class FacebookCollector(
    IHttpClientFactory httpClients, ObservationPlanner planner, IFollowerCounts followerCounts, ILogger<FacebookCollector> logger) : IChannelCollector
{
    public const string HttpClientName = "social-facebook";

    internal const string PostFields =
        "id,created_time,updated_time,message,permalink_url,status_type,shares,reactions.summary(total_count).limit(0),comments.summary(true).limit(0),attachments{media_type,url,title}";

    public bool CanCollect(Channel channel) => channel is FacebookChannel;

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = (FacebookChannel)channel;
        var pauseKey = "channel:" + page.Id;
        if (await planner.IsPausedAsync(logger, Platform.Facebook, page.Id, pauseKey, cancellationToken))
        {
            yield break;
        }

        var token = ChannelCredentials.Resolve(Platform.Facebook, page.Id, page.TokenEnv);
        var options = planner.Options;
        var api = new FacebookApi(httpClients.CreateClient(HttpClientName), options.BaseUrlFor(Platform.Facebook, page.ApiBaseUrl), token, page.Id);
        var pageId = Uri.EscapeDataString(page.PageId);

        var info = await TryAsync(page, pauseKey, api, () => api.GetAsync($"{pageId}?fields=id,name,followers_count,fan_count", cancellationToken), cancellationToken);
        if (info is null)
        {
            yield break;
        }

        if ((info.Value.Count("followers_count") ?? info.Value.Count("fan_count")) is { } followers)
        {
            await followerCounts.RecordAsync(page.Id, planner.Now, followers, cancellationToken);
        }

        var posts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var listed = new List<ListedEntry>();
        var guard = new CursorGuard();
        var stopAfterListing = false;
        Uri? next = new(new Uri(options.BaseUrlFor(Platform.Facebook, page.ApiBaseUrl), $"{pageId}/published_posts"), $"?limit=50&fields={Uri.EscapeDataString(PostFields)}");
        for (var pageNumber = 0; pageNumber < options.MaxListingPages && next is not null; pageNumber++)
        {
            var url = next;
            var body = await TryAsync(page, pauseKey, api, () => api.GetAbsoluteAsync(url, cancellationToken), cancellationToken);
            if (body is null)
            {
                stopAfterListing = true;
                break;
            }

            foreach (var post in body.Value.Array("data"))
            {
                if (post.Text("id") is { } id)
                {
                    posts[id] = post;
                    listed.Add(new ListedEntry(id, post.Time("created_time")));
                }
            }

            var paging = body.Value.Child("paging");
            next = paging?.Text("next") is { } nextText && Uri.TryCreate(nextText, UriKind.Absolute, out var parsed) ? parsed : null;
            var cursor = paging?.Child("cursors")?.Text("after") ?? next?.Query;
            if (next is not null && cursor is not null && !guard.TryAdvance(cursor))
            {
                SocialLog.RepeatedCursor(logger, "facebook", page.Id, cursor, listed.Count);
                break;
            }

            if (await SlowDownAsync(page, pauseKey, api, cancellationToken))
            {
                stopAfterListing = true;
                break;
            }
        }

        var due = await planner.SelectDueAsync(Platform.Facebook, page.Id, listed, cancellationToken);
        int observed = 0, commentTotal = 0, commentCalls = 0;
        foreach (var entry in due)
        {
            if (!posts.TryGetValue(entry.NativeId, out var post))
            {
                if (stopAfterListing)
                {
                    break;
                }

                JsonElement? single;
                try
                {
                    single = await TryAsync(page, pauseKey, api, () => api.GetAsync($"{Uri.EscapeDataString(entry.NativeId)}?fields={Uri.EscapeDataString(PostFields)}", cancellationToken), cancellationToken);
                }
                catch (SocialApiException e) when (e.Failure == SocialFailure.NotFound)
                {
                    await planner.State.MarkGoneAsync(entry.ItemId, cancellationToken);
                    SocialLog.ItemGone(logger, "facebook", page.Id, entry.ItemId);
                    continue;
                }

                if (single is null)
                {
                    break;
                }

                post = single.Value;
            }

            var now = planner.Now;
            var item = ToItem(station, page, post, now);
            var reactions = post.Child("reactions")?.Child("summary")?.Count("total_count");
            var commentCount = post.Child("comments")?.Child("summary")?.Count("total_count");
            if (reactions is null && commentCount is null)
            {
                SocialLog.MissingNumbers(logger, "facebook", page.Id, item.Id, "reactions and comments summaries");
                continue;
            }

            // Graph leaves `shares` out when nobody shared the post (CONTRACTS §4.2).
            var shares = post.Child("shares")?.Count("count") ?? 0;
            var observation = planner.Observe(item, now, null, reactions, commentCount, shares);

            IReadOnlyList<Comment> comments = [];
            var commentsRead = false;
            if (!stopAfterListing && ObservationPlanner.CommentsChanged(entry, commentCount) && commentCalls < options.MaxCommentItemsPerRun)
            {
                commentCalls++;
                var fetched = await FetchCommentsAsync(page, pauseKey, api, item, entry.NativeId, cancellationToken);
                if (fetched is not null)
                {
                    comments = fetched;
                    commentsRead = true;
                }
                else
                {
                    stopAfterListing = true;
                }
            }

            observed++;
            commentTotal += comments.Count;
            var storedCommentCount = commentsRead ? commentCount : entry.State?.LastCommentCount;
            yield return new CollectedItem(item, [observation], comments)
            {
                OnStored = token => planner.MarkObservedAsync(item, entry.NativeId, now, storedCommentCount, token),
            };
        }

        SocialLog.RunSummary(logger, "facebook", page.Id, listed.Count, due.Count, observed, commentTotal);
    }

    private async Task<IReadOnlyList<Comment>?> FetchCommentsAsync(
        FacebookChannel page, string pauseKey, FacebookApi api, Item item, string postId, CancellationToken cancellationToken)
    {
        JsonElement? body;
        try
        {
            body = await TryAsync(page, pauseKey, api,
                () => api.GetAsync($"{Uri.EscapeDataString(postId)}/comments?limit=100&filter=stream&fields=id,message,from{{name}},created_time,like_count,parent{{id}}", cancellationToken),
                cancellationToken);
        }
        catch (SocialApiException e) when (e.Failure is SocialFailure.NotFound or SocialFailure.PermissionRevoked)
        {
            SocialLog.CommentsUnavailable(logger, "facebook", page.Id, item.Id, e.ErrorCode ?? e.Failure.ToString());
            return [];
        }

        if (body is null)
        {
            return null;
        }

        var result = new List<Comment>();
        foreach (var comment in body.Value.Array("data"))
        {
            if (comment.Text("id") is not { } id)
            {
                continue;
            }

            var parent = comment.Child("parent")?.Text("id");
            result.Add(new Comment(Item.PlatformId(Platform.Facebook, id), item.Id, Platform.Facebook,
                parent is null ? null : Item.PlatformId(Platform.Facebook, parent),
                comment.Child("from")?.Text("name"), (comment.Text("message") ?? string.Empty).Normalize(NormalizationForm.FormC),
                comment.Time("created_time"), comment.Count("like_count")));
        }

        return result;
    }

    private static Item ToItem(Station station, FacebookChannel page, JsonElement post, DateTimeOffset now)
    {
        var id = post.Text("id")!;
        var message = post.Text("message")?.Normalize(NormalizationForm.FormC);
        var attachment = post.Child("attachments")?.Array("data").FirstOrDefault();
        var link = attachment?.Text("url");
        var title = FirstLine(message) ?? attachment?.Text("title") ?? id;
        // The shared link is kept in the body so story linking can join the post to the article it shares.
        var body = link is not null && message?.Contains(link, StringComparison.Ordinal) != true ? $"{message}\n{link}".Trim() : message;
        return new Item(
            Item.PlatformId(Platform.Facebook, id), station.Id, page.Id, Platform.Facebook, ItemKind.Post,
            post.Text("permalink_url") ?? $"https://www.facebook.com/{id}",
            title, body, null, post.Text("status_type"), post.Time("created_time"), now);
    }

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
        return line.Length <= 200 ? line : line[..200];
    }

    /// <summary>True when usage passed the ceiling: the Page pauses and the run ends after what it has read.</summary>
    private async Task<bool> SlowDownAsync(FacebookChannel page, string pauseKey, FacebookApi api, CancellationToken cancellationToken)
    {
        var usage = api.LastUsage;
        if (usage.Percent < planner.Options.FacebookUsageCeiling)
        {
            return false;
        }

        SocialLog.HighUsage(logger, "facebook", page.Id, usage.Percent, planner.Options.FacebookUsageCeiling);
        var until = planner.Now + (usage.RegainAccessIn ?? TimeSpan.FromMinutes(15));
        await planner.PauseAsync(logger, Platform.Facebook, page.Id, pauseKey, until, $"usage {usage.Percent}% of the Graph API limit", cancellationToken);
        return true;
    }

    private async Task<JsonElement?> TryAsync(FacebookChannel page, string pauseKey, FacebookApi api, Func<Task<JsonElement>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (SocialApiException e) when (e.Failure == SocialFailure.RateLimited)
        {
            var until = planner.Now + (e.RetryAfter ?? api.LastUsage.RegainAccessIn ?? planner.Options.DefaultRetryAfter);
            await planner.PauseAsync(logger, Platform.Facebook, page.Id, pauseKey, until, $"rate limited (error code {e.ErrorCode})", cancellationToken);
            return null;
        }
    }
}
