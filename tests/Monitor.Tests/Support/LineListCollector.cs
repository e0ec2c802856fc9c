using System.Runtime.CompilerServices;
using Monitor.Collection;
using Monitor.Domain;

namespace Monitor.Tests.Support;

/// <summary>
/// A test double for website collection (the real one lives in Collection/Web): GETs
/// <c>{baseUrl}list</c>, a plain-text list of paths, then GETs each path and yields an article
/// whose title is the first line of the response and body the rest. Errors propagate, as the
/// contract says.
/// </summary>
public sealed class LineListCollector(HttpClient http, TimeProvider clock) : IChannelCollector
{
    public bool CanCollect(Channel channel) => channel is WebsiteChannel;

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(station);
        var website = (WebsiteChannel)channel;
        var list = await http.GetStringAsync(new Uri(website.BaseUrl, "list"), cancellationToken);
        foreach (var path in list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var url = new Uri(website.BaseUrl, path);
            var text = await http.GetStringAsync(url, cancellationToken);
            var lines = text.Split('\n', 2);
            var item = new Item(
                Item.WebId(url.AbsoluteUri), station.Id, channel.Id, Platform.Web, ItemKind.Article, url.AbsoluteUri,
                lines[0], lines.Length > 1 ? lines[1] : null, null, null, null, clock.GetUtcNow());
            yield return new CollectedItem(item, [new Observation(item.Id, clock.GetUtcNow(), null, null, null, null, null)], []);
        }
    }
}
