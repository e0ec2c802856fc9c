using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Monitor.Collection.Social;
using Monitor.Domain;

namespace Monitor.Collection.YouTube;

/// <summary>
/// YouTube Data API v3: channel → uploads playlist → <c>playlistItems</c> (newest first), then
/// <c>videos.list</c> statistics for the due videos, 50 ids per 1-unit call, and one page of
/// <c>commentThreads</c> for videos whose comment count grew. On <c>quotaExceeded</c> (or the
/// configured budget) the run stops cleanly and the key waits for the Pacific-midnight reset.
/// </summary>
internal sealed class YouTubeCollector(
    IHttpClientFactory httpClients, ObservationPlanner planner, IFollowerCounts followerCounts, TimeProvider clock, ILogger<YouTubeCollector> logger) : IChannelCollector
{
    public const string HttpClientName = "social-youtube";

    public bool CanCollect(Channel channel) => channel is YouTubeChannel;

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var youtube = (YouTubeChannel)channel;
        var quotaKey = "youtube-quota:" + youtube.TokenEnv;
        var channelKey = "channel:" + youtube.Id;
        if (await planner.IsPausedAsync(logger, Platform.YouTube, youtube.Id, quotaKey, cancellationToken)
            || await planner.IsPausedAsync(logger, Platform.YouTube, youtube.Id, channelKey, cancellationToken))
        {
            yield break;
        }

        var key = ChannelCredentials.Resolve(Platform.YouTube, youtube.Id, youtube.TokenEnv);
        var options = planner.Options;
        var api = new YouTubeApi(httpClients.CreateClient(HttpClientName), options.BaseUrlFor(Platform.YouTube, youtube.ApiBaseUrl),
            key, youtube.Id, quotaKey, planner.State, clock, options.YouTubeDailyQuota);

        var channelInfo = await TryAsync(youtube, quotaKey, channelKey,
            () => api.GetAsync($"channels?part=contentDetails,statistics&id={Uri.EscapeDataString(youtube.ChannelId)}", cancellationToken), cancellationToken);
        if (channelInfo is null)
        {
            yield break;
        }

        var found = channelInfo.Value.Array("items").FirstOrDefault();
        var uploads = found.Child("contentDetails")?.Child("relatedPlaylists")?.Text("uploads")
            ?? throw new SocialApiException(Platform.YouTube, youtube.Id, SocialFailure.NotFound, "channelNotFound",
                $"channel {youtube.ChannelId} was not found or has no uploads playlist");
        if (found.Child("statistics")?.Count("subscriberCount") is { } subscribers)
        {
            await followerCounts.RecordAsync(youtube.Id, planner.Now, subscribers, cancellationToken);
        }

        var listed = new List<ListedEntry>();
        var guard = new CursorGuard();
        string? pageToken = null;
        for (var page = 0; page < options.MaxListingPages; page++)
        {
            var query = $"playlistItems?part=contentDetails,snippet&maxResults=50&playlistId={Uri.EscapeDataString(uploads)}"
                + (pageToken is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(pageToken));
            var body = await TryAsync(youtube, quotaKey, channelKey, () => api.GetAsync(query, cancellationToken), cancellationToken);
            if (body is null)
            {
                break;
            }

            foreach (var entry in body.Value.Array("items"))
            {
                var details = entry.Child("contentDetails");
                var videoId = details?.Text("videoId") ?? entry.Child("snippet")?.Child("resourceId")?.Text("videoId");
                if (videoId is not null)
                {
                    listed.Add(new ListedEntry(videoId, details?.Time("videoPublishedAt")));
                }
            }

            pageToken = body.Value.Text("nextPageToken");
            if (pageToken is null)
            {
                break;
            }

            if (!guard.TryAdvance(pageToken))
            {
                SocialLog.RepeatedCursor(logger, "youtube", youtube.Id, pageToken, listed.Count);
                break;
            }
        }

        var due = await planner.SelectDueAsync(Platform.YouTube, youtube.Id, listed, cancellationToken);
        int observed = 0, comments = 0, commentCalls = 0;
        foreach (var batch in due.Chunk(50))
        {
            var ids = string.Join(',', batch.Select(d => d.NativeId));
            var body = await TryAsync(youtube, quotaKey, channelKey,
                () => api.GetAsync($"videos?part=snippet,statistics&id={Uri.EscapeDataString(ids)}", cancellationToken), cancellationToken);
            if (body is null)
            {
                break;
            }

            var videos = body.Value.Array("items").Where(v => v.Text("id") is not null).ToDictionary(v => v.Text("id")!, StringComparer.Ordinal);
            foreach (var entry in batch)
            {
                if (!videos.TryGetValue(entry.NativeId, out var video))
                {
                    // videos.list leaves out deleted and privated videos instead of failing.
                    if (entry.State is not null)
                    {
                        await planner.State.MarkGoneAsync(entry.ItemId, cancellationToken);
                        SocialLog.ItemGone(logger, "youtube", youtube.Id, entry.ItemId);
                    }

                    continue;
                }

                var now = planner.Now;
                var item = ToItem(station, youtube, video, now);
                var statistics = video.Child("statistics");
                if (statistics is null)
                {
                    SocialLog.MissingNumbers(logger, "youtube", youtube.Id, item.Id, "statistics");
                    continue;
                }

                var commentCount = statistics.Value.Count("commentCount");
                var observation = planner.Observe(item, now, statistics.Value.Count("viewCount"), statistics.Value.Count("likeCount"), commentCount, null);

                IReadOnlyList<Comment> itemComments = [];
                var commentsRead = false;
                if (ObservationPlanner.CommentsChanged(entry, commentCount) && commentCalls < options.MaxCommentItemsPerRun)
                {
                    commentCalls++;
                    var fetched = await FetchCommentsAsync(api, youtube, item, quotaKey, channelKey, cancellationToken);
                    if (fetched is null)
                    {
                        // Quota or rate limit hit while reading comments: keep the observation, stop after it.
                        var previousCount = entry.State?.LastCommentCount;
                        yield return new CollectedItem(item, [observation], [])
                        {
                            OnStored = token => planner.MarkObservedAsync(item, entry.NativeId, now, previousCount, token),
                        };
                        yield break;
                    }

                    itemComments = fetched;
                    commentsRead = true;
                }

                observed++;
                comments += itemComments.Count;
                var storedCommentCount = commentsRead ? commentCount : entry.State?.LastCommentCount;
                yield return new CollectedItem(item, [observation], itemComments)
                {
                    OnStored = token => planner.MarkObservedAsync(item, entry.NativeId, now, storedCommentCount, token),
                };
            }
        }

        SocialLog.RunSummary(logger, "youtube", youtube.Id, listed.Count, due.Count, observed, comments);
    }

    private async Task<IReadOnlyList<Comment>?> FetchCommentsAsync(
        YouTubeApi api, YouTubeChannel youtube, Item item, string quotaKey, string channelKey, CancellationToken cancellationToken)
    {
        var videoId = item.Id["youtube:".Length..];
        JsonElement? body;
        try
        {
            body = await TryAsync(youtube, quotaKey, channelKey,
                () => api.GetAsync($"commentThreads?part=snippet&maxResults=100&order=time&textFormat=plainText&videoId={Uri.EscapeDataString(videoId)}", cancellationToken),
                cancellationToken);
        }
        catch (SocialApiException e) when (e.Failure is SocialFailure.PermissionRevoked or SocialFailure.NotFound)
        {
            // commentsDisabled (403) concerns this video only, not the channel.
            SocialLog.CommentsUnavailable(logger, "youtube", youtube.Id, item.Id, e.ErrorCode ?? e.Failure.ToString());
            return [];
        }

        if (body is null)
        {
            return null;
        }

        var result = new List<Comment>();
        foreach (var thread in body.Value.Array("items"))
        {
            var top = thread.Child("snippet")?.Child("topLevelComment");
            var snippet = top?.Child("snippet");
            var id = top?.Text("id") ?? thread.Text("id");
            if (id is null || snippet is null)
            {
                continue;
            }

            var text = snippet.Value.Text("textOriginal") ?? snippet.Value.Text("textDisplay") ?? string.Empty;
            result.Add(new Comment(Item.PlatformId(Platform.YouTube, id), item.Id, Platform.YouTube, null,
                snippet.Value.Text("authorDisplayName"), text.Normalize(System.Text.NormalizationForm.FormC),
                snippet.Value.Time("publishedAt"), snippet.Value.Count("likeCount")));
        }

        return result;
    }

    private static Item ToItem(Station station, YouTubeChannel youtube, JsonElement video, DateTimeOffset now)
    {
        var id = video.Text("id")!;
        var snippet = video.Child("snippet");
        return new Item(
            Item.PlatformId(Platform.YouTube, id), station.Id, youtube.Id, Platform.YouTube, ItemKind.Video,
            $"https://www.youtube.com/watch?v={id}",
            (snippet?.Text("title") ?? id).Normalize(System.Text.NormalizationForm.FormC),
            snippet?.Text("description")?.Normalize(System.Text.NormalizationForm.FormC),
            snippet?.Text("channelTitle"), null, snippet?.Time("publishedAt"), now);
    }

    /// <summary>Runs a call; quota and rate limits pause the key or channel and end the run cleanly (null).</summary>
    private async Task<JsonElement?> TryAsync(YouTubeChannel youtube, string quotaKey, string channelKey, Func<Task<JsonElement>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (SocialApiException e) when (e.Failure == SocialFailure.QuotaExceeded)
        {
            var reset = YouTubeQuota.NextReset(planner.Now);
            await planner.PauseAsync(logger, Platform.YouTube, youtube.Id, quotaKey, reset, $"quota exhausted ({e.ErrorCode}), resets at Pacific midnight", cancellationToken);
            return null;
        }
        catch (SocialApiException e) when (e.Failure == SocialFailure.RateLimited)
        {
            var until = planner.Now + (e.RetryAfter ?? planner.Options.DefaultRetryAfter);
            await planner.PauseAsync(logger, Platform.YouTube, youtube.Id, channelKey, until, $"rate limited ({e.ErrorCode})", cancellationToken);
            return null;
        }
    }
}
