using System.Runtime.CompilerServices;
using Monitor.Collection;
using Monitor.Domain;
using Monitor.Tests.Support;
using Monitor.Worker.Demo;

namespace Monitor.Tests.Worker;

public sealed class RealAddressCollectorTests
{
    [Fact]
    public async Task CollectAsync_LoopbackItem_GetsRealAddressAndItsId()
    {
        var loopbackUrl = "http://127.0.0.1:41234/bai-viet-81596.html";
        var item = Samples.Article(loopbackUrl);
        var observation = new Observation(item.Id, Samples.Collected, null, 1, null, null, null);
        var inner = new OneItem(new CollectedItem(item, [observation], []));
        var collector = new RealAddressCollector(inner, new Dictionary<string, Uri> { ["127.0.0.1:41234"] = new("https://thainguyentv.vn/") });

        var mapped = await collector.CollectAsync(null!, null!).SingleAsync();

        mapped.Item.Url.ShouldBe("https://thainguyentv.vn/bai-viet-81596.html");
        mapped.Item.Id.ShouldBe(Item.WebId("https://thainguyentv.vn/bai-viet-81596.html"));
        mapped.Observations.Single().ItemId.ShouldBe(mapped.Item.Id);
    }

    [Fact]
    public async Task CollectAsync_MappedItemAcknowledged_InnerCollectorHearsIt()
    {
        var acknowledged = 0;
        var inner = new OneItem(new CollectedItem(Samples.Article("http://127.0.0.1:41234/a.html"), [], []) { OnStored = _ => Task.FromResult(++acknowledged) });
        var collector = new RealAddressCollector(inner, new Dictionary<string, Uri> { ["127.0.0.1:41234"] = new("https://thainguyentv.vn/") });

        var mapped = await collector.CollectAsync(null!, null!).SingleAsync();
        await mapped.AcknowledgeStoredAsync();

        acknowledged.ShouldBe(1);
    }

    [Fact]
    public async Task CollectAsync_OtherAuthority_Untouched()
    {
        var item = Samples.Article("http://127.0.0.1:9/x.html");
        var collector = new RealAddressCollector(new OneItem(new CollectedItem(item, [], [])), new Dictionary<string, Uri>());

        (await collector.CollectAsync(null!, null!).SingleAsync()).Item.ShouldBe(item);
    }

    private sealed class OneItem(CollectedItem item) : IChannelCollector
    {
        public bool CanCollect(Channel channel) => true;

        public async IAsyncEnumerable<CollectedItem> CollectAsync(Station station, Channel channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
