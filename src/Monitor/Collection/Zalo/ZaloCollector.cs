using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Monitor.Collection.Social;
using Monitor.Domain;

namespace Monitor.Collection.Zalo;

/// <summary>
/// Zalo OA articles: <c>article/getslice</c> (10 per call — the API refuses more) for both article
/// types, then <c>article/getdetail</c> for older articles still on their schedule. Zalo reports
/// only views and shares; reactions and comments stay null (not reported, not zero).
/// </summary>
internal sealed class ZaloCollector(
    IHttpClientFactory httpClients, ObservationPlanner planner, ILogger<ZaloCollector> logger) : IChannelCollector
{
    public const string HttpClientName = "social-zalo";
    private const int PageSize = 10;

    public bool CanCollect(Channel channel) => channel is ZaloChannel;

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var zalo = (ZaloChannel)channel;
        var pauseKey = "channel:" + zalo.Id;
        if (await planner.IsPausedAsync(logger, Platform.Zalo, zalo.Id, pauseKey, cancellationToken))
        {
            yield break;
        }

        var token = ChannelCredentials.Resolve(Platform.Zalo, zalo.Id, zalo.TokenEnv);
        var options = planner.Options;
        var api = new ZaloApi(httpClients.CreateClient(HttpClientName), options.BaseUrlFor(Platform.Zalo, zalo.ApiBaseUrl), token, zalo.Id);

        var articles = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var listed = new List<ListedEntry>();
        var stopped = false;
        foreach (var type in new[] { "normal", "video" })
        {
            var offset = 0;
            for (var page = 0; page < options.MaxListingPages && !stopped; page++)
            {
                var from = offset;
                var body = await TryAsync(zalo, pauseKey, () => api.GetAsync($"v2.0/article/getslice?offset={from}&limit={PageSize}&type={type}", cancellationToken), cancellationToken);
                if (body is null)
                {
                    stopped = true;
                    break;
                }

                var data = body.Value.Child("data");
                var medias = data?.Array("medias").ToList() ?? [];
                var fresh = 0;
                foreach (var media in medias)
                {
                    if (media.Text("id") is { } id && articles.TryAdd(id, media))
                    {
                        fresh++;
                        listed.Add(new ListedEntry(id, media.UnixTime("create_date", "created_date")));
                    }
                }

                if (medias.Count > 0 && fresh == 0)
                {
                    // Offset paging has no cursor to repeat, but a server that ignores the offset repeats the page.
                    SocialLog.RepeatedCursor(logger, "zalo", zalo.Id, $"offset={from}&type={type}", listed.Count);
                    break;
                }

                offset += medias.Count;
                // The server may return fewer than asked for; `total` (when sent) says whether more remain.
                if (medias.Count == 0 || (data?.Count("total") is { } total && offset >= total))
                {
                    break;
                }
            }
        }

        var due = await planner.SelectDueAsync(Platform.Zalo, zalo.Id, listed, cancellationToken);
        var observed = 0;
        foreach (var entry in due)
        {
            if (!articles.TryGetValue(entry.NativeId, out var article))
            {
                if (stopped)
                {
                    break;
                }

                JsonElement? detail;
                try
                {
                    detail = await TryAsync(zalo, pauseKey, () => api.GetAsync($"v2.0/article/getdetail?id={Uri.EscapeDataString(entry.NativeId)}", cancellationToken), cancellationToken);
                }
                catch (SocialApiException e) when (e.Failure == SocialFailure.NotFound)
                {
                    await planner.State.MarkGoneAsync(entry.ItemId, cancellationToken);
                    SocialLog.ItemGone(logger, "zalo", zalo.Id, entry.ItemId);
                    continue;
                }

                if (detail?.Child("data") is not { } data)
                {
                    break;
                }

                article = data;
            }

            var now = planner.Now;
            var item = ToItem(station, zalo, entry.NativeId, article, now);
            var views = article.Count("total_view");
            var shares = article.Count("total_share");
            if (views is null && shares is null)
            {
                SocialLog.MissingNumbers(logger, "zalo", zalo.Id, item.Id, "total_view, total_share");
                continue;
            }

            var observation = planner.Observe(item, now, views, null, null, shares);
            observed++;
            yield return new CollectedItem(item, [observation], [])
            {
                OnStored = token => planner.MarkObservedAsync(item, entry.NativeId, now, null, token),
            };
        }

        SocialLog.RunSummary(logger, "zalo", zalo.Id, listed.Count, due.Count, observed, 0);
    }

    private static Item ToItem(Station station, ZaloChannel zalo, string id, JsonElement article, DateTimeOffset now)
    {
        var kind = article.Text("type") == "video" ? ItemKind.Video : ItemKind.Article;
        var title = (article.Text("title") ?? id).Normalize(NormalizationForm.FormC);
        var description = (article.Text("description") ?? article.Text("desc"))?.Normalize(NormalizationForm.FormC);
        // The list gives no public link in any source we have; `link` is read when present.
        var url = article.Text("link") ?? article.Text("url") ?? $"https://oa.zalo.me/{Uri.EscapeDataString(zalo.OaId)}/article/{Uri.EscapeDataString(id)}";
        return new Item(
            Item.PlatformId(Platform.Zalo, id), station.Id, zalo.Id, Platform.Zalo, kind, url, title, description,
            article.Text("author"), null, article.UnixTime("create_date", "created_date"), now);
    }

    private async Task<JsonElement?> TryAsync(ZaloChannel zalo, string pauseKey, Func<Task<JsonElement>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (SocialApiException e) when (e.Failure == SocialFailure.RateLimited)
        {
            var until = planner.Now + (e.RetryAfter ?? planner.Options.DefaultRetryAfter);
            await planner.PauseAsync(logger, Platform.Zalo, zalo.Id, pauseKey, until, $"rate limited (error {e.ErrorCode})", cancellationToken);
            return null;
        }
    }
}
