using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Monitor.Collection.Social;
using Monitor.Domain;

namespace Monitor.Collection.TikTok;

/// <summary>
/// TikTok Display API v2 for a station's own account: <c>video/list</c> pages (20 per call, cursor
/// in milliseconds) for recent clips, then <c>video/query</c> (20 ids per call) for older clips
/// still on their observation schedule. The Display API has no comment endpoint.
/// </summary>
internal sealed class TikTokCollector(
    IHttpClientFactory httpClients, ObservationPlanner planner, ILogger<TikTokCollector> logger) : IChannelCollector
{
    public const string HttpClientName = "social-tiktok";

    public bool CanCollect(Channel channel) => channel is TikTokChannel;

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tiktok = (TikTokChannel)channel;
        var pauseKey = "channel:" + tiktok.Id;
        if (await planner.IsPausedAsync(logger, Platform.TikTok, tiktok.Id, pauseKey, cancellationToken))
        {
            yield break;
        }

        var token = ChannelCredentials.Resolve(Platform.TikTok, tiktok.Id, tiktok.TokenEnv);
        var options = planner.Options;
        var api = new TikTokApi(httpClients.CreateClient(HttpClientName), options.BaseUrlFor(Platform.TikTok, tiktok.ApiBaseUrl), token, tiktok.Id);

        var videos = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var listed = new List<ListedEntry>();
        var guard = new CursorGuard();
        long? cursor = null;
        var stopped = false;
        for (var page = 0; page < options.MaxListingPages; page++)
        {
            object request = cursor is { } c ? new { max_count = 20, cursor = c } : new { max_count = 20 };
            var body = await TryAsync(tiktok, pauseKey, () => api.SendAsync(HttpMethod.Post, $"v2/video/list/?fields={TikTokApi.VideoFields}", request, cancellationToken), cancellationToken);
            if (body is null)
            {
                stopped = true;
                break;
            }

            var data = body.Value.Child("data");
            foreach (var video in data?.Array("videos") ?? [])
            {
                if (VideoId(video) is { } id)
                {
                    videos[id] = video;
                    listed.Add(new ListedEntry(id, video.UnixTime("create_time")));
                }
            }

            if (data?.Child("has_more")?.ValueKind != JsonValueKind.True || data?.Count("cursor") is not { } nextCursor)
            {
                break;
            }

            if (!guard.TryAdvance(nextCursor.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                SocialLog.RepeatedCursor(logger, "tiktok", tiktok.Id, nextCursor.ToString(System.Globalization.CultureInfo.InvariantCulture), listed.Count);
                break;
            }

            cursor = nextCursor;
        }

        var due = await planner.SelectDueAsync(Platform.TikTok, tiktok.Id, listed, cancellationToken);
        var missing = due.Where(d => !videos.ContainsKey(d.NativeId)).ToList();
        var queried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in stopped ? [] : missing.Chunk(20))
        {
            var request = new { filters = new { video_ids = batch.Select(b => b.NativeId).ToArray() } };
            var body = await TryAsync(tiktok, pauseKey, () => api.SendAsync(HttpMethod.Post, $"v2/video/query/?fields={TikTokApi.VideoFields}", request, cancellationToken), cancellationToken);
            if (body is null)
            {
                break;
            }

            foreach (var video in body.Value.Child("data")?.Array("videos") ?? [])
            {
                if (VideoId(video) is { } id)
                {
                    videos[id] = video;
                }
            }

            queried.UnionWith(batch.Select(b => b.NativeId));
        }

        var observed = 0;
        foreach (var entry in due)
        {
            if (!videos.TryGetValue(entry.NativeId, out var video))
            {
                // Asked for by id and not returned: deleted or made private by the owner.
                if (queried.Contains(entry.NativeId) && entry.State is not null)
                {
                    await planner.State.MarkGoneAsync(entry.ItemId, cancellationToken);
                    SocialLog.ItemGone(logger, "tiktok", tiktok.Id, entry.ItemId);
                }

                continue;
            }

            var now = planner.Now;
            var item = ToItem(station, tiktok, entry.NativeId, video, now);
            var views = video.Count("view_count");
            var likes = video.Count("like_count");
            var comments = video.Count("comment_count");
            var shares = video.Count("share_count");
            if (views is null && likes is null && comments is null && shares is null)
            {
                SocialLog.MissingNumbers(logger, "tiktok", tiktok.Id, item.Id, "view_count, like_count, comment_count, share_count");
                continue;
            }

            var observation = planner.Observe(item, now, views, likes, comments, shares);
            observed++;
            yield return new CollectedItem(item, [observation], [])
            {
                OnStored = token => planner.MarkObservedAsync(item, entry.NativeId, now, comments, token),
            };
        }

        SocialLog.RunSummary(logger, "tiktok", tiktok.Id, listed.Count, due.Count, observed, 0);
    }

    private static string? VideoId(JsonElement video) =>
        video.Text("id") ?? video.Count("id")?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Item ToItem(Station station, TikTokChannel tiktok, string id, JsonElement video, DateTimeOffset now)
    {
        var description = video.Text("video_description")?.Normalize(NormalizationForm.FormC);
        var title = video.Text("title") is { Length: > 0 } t ? t.Normalize(NormalizationForm.FormC) : description ?? id;
        return new Item(
            Item.PlatformId(Platform.TikTok, id), station.Id, tiktok.Id, Platform.TikTok, ItemKind.Clip,
            video.Text("share_url") ?? $"https://www.tiktok.com/@{tiktok.Account}/video/{id}",
            title, description, tiktok.Account, null, video.UnixTime("create_time"), now);
    }

    private async Task<JsonElement?> TryAsync(TikTokChannel tiktok, string pauseKey, Func<Task<JsonElement>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (SocialApiException e) when (e.Failure == SocialFailure.RateLimited)
        {
            var until = planner.Now + (e.RetryAfter ?? TimeSpan.FromMinutes(1));
            await planner.PauseAsync(logger, Platform.TikTok, tiktok.Id, pauseKey, until, "rate limited (rate_limit_exceeded)", cancellationToken);
            return null;
        }
    }
}
