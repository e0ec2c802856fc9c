using Monitor.Language.Features;

namespace Monitor.Tests.Language;

public sealed class FeatureScratchTests
{
    [Fact]
    public void CountView_RepeatedIds_DistinctIdsInFirstOccurrenceOrderWithCounts()
    {
        var scratch = new FeatureScratch(FeatureSettings.Default);
        int[] first = [42, 7, 42, 1_000_000, 7, 42];
        first.CopyTo(scratch.EnsureRaw(first.Length), 0);
        scratch.CountView(first.Length, 0);
        int[] second = [7, 9];
        second.CopyTo(scratch.EnsureRaw(second.Length), 0);
        scratch.CountView(second.Length, 1);

        scratch.Ids.AsSpan(0, scratch.Count).ToArray().ShouldBe([42, 7, 1_000_000, 7, 9]);
        scratch.Values.AsSpan(0, scratch.Count).ToArray().ShouldBe([3f, 2f, 1f, 1f, 1f]);
        scratch.ViewEnds[0].ShouldBe(3);
        scratch.ViewEnds[1].ShouldBe(5);
    }

    [Fact]
    public void CountView_ManyDocumentsThenALongOne_EachCountedFromScratch()
    {
        var scratch = new FeatureScratch(FeatureSettings.Default);
        for (var document = 0; document < 5000; document++)
        {
            scratch.Count = 0;
            var raw = scratch.EnsureRaw(3);
            raw[0] = document;
            raw[1] = document + 1;
            raw[2] = document;
            scratch.CountView(3, 0);
            scratch.Values.AsSpan(0, scratch.Count).ToArray().ShouldBe([2f, 1f]);
        }

        // Longer than the initial table: it grows, and every id is still counted once per occurrence.
        scratch.Count = 0;
        var ids = Enumerable.Range(0, 20_000).Select(i => (i * 7919) % 5000).ToArray();
        ids.CopyTo(scratch.EnsureRaw(ids.Length), 0);
        scratch.CountView(ids.Length, 0);

        scratch.Count.ShouldBe(5000);
        scratch.Values.AsSpan(0, scratch.Count).ToArray().ShouldAllBe(count => count == 4f);
    }
}
