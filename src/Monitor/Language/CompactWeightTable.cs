using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Monitor.Language;

/// <summary>
/// The prediction-time form of a model's weights: rows <c>[idf, weight of class 0, 1, ...]</c> in
/// half precision for only the features seen in training, found through a rank directory (one
/// presence bit per hashed id plus a running count per 64 ids). A dense float table over 2^20 ids
/// is 16 MB for three classes and nearly every lookup missed the caches; the directory is 256 KB
/// and the rows 0.9 MB (UIT-VSFC) to 3.2 MB (ViHSD). The model file stores these values as
/// halves already, so widening them back gives exactly the floats a dense table held and the scores
/// are bit-for-bit the same. Row 0 is all zeros and stands for every
/// feature never seen in training, so scoring needs no branch per feature (adding +0 leaves a float
/// sum unchanged).
/// </summary>
internal sealed class CompactWeightTable
{
    private readonly DirectoryWord[] directory;

    public CompactWeightTable(float[] idf, float[] weights, int classes)
    {
        Stride = classes + 1;
        directory = new DirectoryWord[(idf.Length + 63) / 64];
        var seen = 0;
        for (var word = 0; word < directory.Length; word++)
        {
            var bits = 0UL;
            for (var bit = 0; bit < 64; bit++)
            {
                var id = (word * 64) + bit;
                if (id < idf.Length && idf[id] > 0)
                {
                    bits |= 1UL << bit;
                }
            }

            directory[word] = new DirectoryWord(bits, seen + 1); // + 1: after the zero row
            seen += BitOperations.PopCount(bits);
        }

        if ((long)(seen + 1) * Stride > Array.MaxLength)
        {
            throw new ArgumentException($"{seen} seen features × {classes} classes is too large for one weight table.", nameof(weights));
        }

        Rows = new ushort[(seen + 1) * Stride];
        var row = (long)Stride;
        for (var id = 0; id < idf.Length; id++)
        {
            if (idf[id] > 0)
            {
                Rows[row] = HalfBits(idf[id]);
                for (var k = 0; k < classes; k++)
                {
                    Rows[row + 1 + k] = HalfBits(weights[((long)id * classes) + k]);
                }

                row += Stride;
            }
        }

        SeenFeatures = seen;
    }

    /// <summary>Floats per row: the idf, then one weight per class.</summary>
    public int Stride { get; }

    public int SeenFeatures { get; }

    /// <summary>IEEE half-precision bit patterns, <see cref="Stride"/> per row.</summary>
    public ushort[] Rows { get; }

    /// <summary>
    /// Offset of <paramref name="id"/>'s row in <see cref="Rows"/>; 0 (the zero row) for a feature never
    /// seen in training. Branch-free, so a run of lookups has no mispredictions to stall it and the
    /// processor overlaps their cache misses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RowOffset(int id)
    {
        var word = directory[id >> 6];
        var below = word.Bits << (63 - (id & 63)); // this id's bit on top, the lower ids' bits under it
        var present = (int)(below >> 63);
        return (word.Before + BitOperations.PopCount(below << 1)) * Stride * present;
    }

    /// <summary>
    /// Widens four halves (packed little-endian in <paramref name="fourHalves"/>) to floats, exactly as
    /// <c>(float)(Half)</c> does for every finite value, subnormals included: the half's exponent and
    /// mantissa moved into float position read as a float 2^112 times too small (a subnormal half
    /// lands on a subnormal float), and multiplying by a power of two is exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> WidenFinite(ulong fourHalves)
    {
        var halves = Vector128.WidenLower(Vector128.CreateScalar(fourHalves).AsUInt16());
        var magnitude = ((halves & Vector128.Create(0x7FFFu)) << 13).AsSingle() * Vector128.Create(TwoTo112);
        var sign = (halves & Vector128.Create(0x8000u)) << 16;
        return (magnitude.AsUInt32() | sign).AsSingle();
    }

    private static readonly float TwoTo112 = BitConverter.UInt32BitsToSingle((127 + 112) << 23);

    /// <summary>Weights come from half-precision files; a value that is not a finite half here would be a bug, not data.</summary>
    private static ushort HalfBits(float value)
    {
        var half = (Half)value;
        if (!Half.IsFinite(half))
        {
            throw new ArgumentException($"weight {value} does not fit a finite half-precision value.", nameof(value));
        }

        return BitConverter.HalfToUInt16Bits(half);
    }

    private readonly record struct DirectoryWord(ulong Bits, int Before);
}
