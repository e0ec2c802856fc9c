using System.Runtime.CompilerServices;
using Monitor.Collection;
using Monitor.Domain;

namespace Monitor.Worker.Demo;

/// <summary>
/// For <c>demo</c> only: the replay sites listen on random loopback ports, so the URLs collected
/// from them change every run. This wraps each real collector and gives every item back its
/// station's real address (<c>http://127.0.0.1:41234/x.html</c> → <c>https://thainguyentv.vn/x.html</c>)
/// and the id that address yields, so a second demo run finds the same items and adds none.
/// </summary>
internal sealed class RealAddressCollector(IChannelCollector inner, IReadOnlyDictionary<string, Uri> realOrigins) : IChannelCollector
{
    public bool CanCollect(Channel channel) => inner.CanCollect(channel);

    public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var collected in inner.CollectAsync(station, channel, cancellationToken).WithCancellation(cancellationToken))
        {
            yield return Map(collected);
        }
    }

    private CollectedItem Map(CollectedItem collected)
    {
        var item = collected.Item;
        if (!Uri.TryCreate(item.Url, UriKind.Absolute, out var url) || !realOrigins.TryGetValue(url.Authority, out var origin))
        {
            return collected;
        }

        var realUrl = new UriBuilder(url) { Scheme = origin.Scheme, Host = origin.Host, Port = origin.IsDefaultPort ? -1 : origin.Port }.Uri.AbsoluteUri;
        var id = item.Id.StartsWith("web:", StringComparison.Ordinal) ? Item.WebId(realUrl) : item.Id;
        // `with` keeps the inner collector's OnStored: its seen-set must still hear that the item was stored.
        return collected with
        {
            Item = item with { Id = id, Url = realUrl },
            Observations = [.. collected.Observations.Select(o => o.ItemId == item.Id ? o with { ItemId = id } : o)],
            Comments = [.. collected.Comments.Select(c => c.ItemId == item.Id ? c with { ItemId = id } : c)],
        };
    }
}
