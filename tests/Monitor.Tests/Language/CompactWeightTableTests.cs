using Monitor.Language;

namespace Monitor.Tests.Language;

public sealed class CompactWeightTableTests
{
    [Fact]
    public void WidenFinite_EveryFiniteHalf_SameFloatAsTheRuntimeConversion()
    {
        for (var bits = 0; bits <= ushort.MaxValue; bits++)
        {
            var half = BitConverter.UInt16BitsToHalf((ushort)bits);
            if (!Half.IsFinite(half))
            {
                continue;
            }

            // Four lanes at once, each a different neighbour, so lane order mistakes show too.
            var packed = (ulong)(ushort)bits | ((ulong)(ushort)(bits ^ 0x8000) << 16) | ((ulong)(ushort)(bits & 0x03FF) << 32) | ((ulong)0x3C00 << 48);
            var widened = CompactWeightTable.WidenFinite(packed);

            BitConverter.SingleToUInt32Bits(widened[0]).ShouldBe(BitConverter.SingleToUInt32Bits((float)half), $"half bits 0x{bits:X4}");
            widened[1].ShouldBe((float)BitConverter.UInt16BitsToHalf((ushort)(bits ^ 0x8000)));
            widened[2].ShouldBe((float)BitConverter.UInt16BitsToHalf((ushort)(bits & 0x03FF)));
            widened[3].ShouldBe(1f);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Accumulate_SeenAndUnseenFeatures_BitForBitTheDenseSum(int classes)
    {
        const int dimensions = 1 << 12;
        var random = new Random(classes);
        var idf = new float[dimensions];
        var weights = new float[dimensions * classes];
        for (var id = 0; id < dimensions; id++)
        {
            if (random.NextDouble() < 0.4)
            {
                continue; // never seen in training: idf 0, no row
            }

            idf[id] = (float)(Half)(1 + (random.NextDouble() * 8));
            for (var k = 0; k < classes; k++)
            {
                weights[(id * classes) + k] = (float)(Half)((random.NextDouble() - 0.5) * 3);
            }
        }

        var table = new CompactWeightTable(idf, weights, classes);
        var ids = Enumerable.Range(0, 1500).Select(_ => random.Next(dimensions)).Distinct().ToArray(); // more than one 512-feature batch
        var tf = ids.Select(_ => 1f + MathF.Log(random.Next(1, 5))).ToArray();

        var view = new float[classes];
        var squares = table.Accumulate(ids, tf, view);

        // The dense computation the table replaces: skip unseen features, same order of additions.
        var expected = new float[classes];
        var expectedSquares = 0f;
        for (var i = 0; i < ids.Length; i++)
        {
            if (idf[ids[i]] == 0)
            {
                continue;
            }

            var v = tf[i] * idf[ids[i]];
            expectedSquares += v * v;
            for (var k = 0; k < classes; k++)
            {
                expected[k] += v * weights[(ids[i] * classes) + k];
            }
        }

        table.SeenFeatures.ShouldBe(idf.Count(value => value > 0));
        squares.ShouldBe(expectedSquares);
        view.ShouldBe(expected);
    }

    [Fact]
    public void Constructor_WeightBeyondHalfRange_ClearError()
    {
        var idf = new float[64];
        idf[3] = 1;
        var weights = new float[64 * 2];
        weights[7] = 1e6f;

        Should.Throw<ArgumentException>(() => new CompactWeightTable(idf, weights, 2)).Message.ShouldContain("half-precision");
    }
}
