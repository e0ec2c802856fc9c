using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// Index of <paramref name="id"/>'s row; 0 (the zero row) for a feature never seen in training.
    /// Branch-free, so a run of lookups has no mispredictions to stall it and the processor overlaps
    /// their cache misses.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowIndex(ReadOnlySpan<DirectoryWord> directory, int id)
    {
        var word = directory[id >> 6];
        var below = word.Bits << (63 - (id & 63)); // this id's bit on top, the lower ids' bits under it
        var present = (int)(below >> 63);
        return (word.Before + BitOperations.PopCount(below << 1)) * present;
    }

    /// <summary>
    /// Sums <c>tf × idf</c> times each class weight into <paramref name="view"/> (one entry per class)
    /// over the features <paramref name="ids"/> with sublinear term frequencies <paramref name="tf"/>,
    /// and returns the sum of squared <c>tf × idf</c> (the view's squared norm).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Accumulate(ReadOnlySpan<int> ids, ReadOnlySpan<float> tf, Span<float> view)
    {
        if (Stride == 4)
        {
            return AccumulateThreeClasses(ids, tf, view);
        }

        var directory = this.directory.AsSpan();
        var rows = Rows.AsSpan();
        var classes = Stride - 1;
        view[..classes].Clear();
        var squares = 0f;
        for (var i = 0; i < ids.Length; i++)
        {
            var row = rows.Slice(RowIndex(directory, ids[i]) * Stride, Stride);
            var v = tf[i] * Widen(row[0]);
            squares += v * v;
            for (var k = 0; k < classes; k++)
            {
                view[k] += v * Widen(row[k + 1]);
            }
        }

        return squares;
    }

    /// <summary>
    /// Three classes, the common case: one 64-bit row of halves <c>[idf, w0, w1, w2]</c> per feature,
    /// widened and accumulated in one 128-bit vector. Lane k + 1 computes exactly what the scalar loop
    /// computes for class k (the same products and sums in the same order), so the scores are
    /// bit-for-bit equal; lane 0 is discarded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float AccumulateThreeClasses(ReadOnlySpan<int> ids, ReadOnlySpan<float> tf, Span<float> view)
    {
        var directory = this.directory.AsSpan();
        var rows = MemoryMarshal.Cast<ushort, ulong>(Rows.AsSpan());
        var squares = 0f;
        var sum = Vector128<float>.Zero;

        // Two passes: all directory lookups first, then all row reads. Each pass is a run of independent
        // loads the processor keeps many of in flight, instead of one lookup-then-read chain per feature.
        Span<int> found = stackalloc int[Math.Min(ids.Length, 512)];
        for (var done = 0; done < ids.Length; done += found.Length)
        {
            var batch = ids.Slice(done, Math.Min(found.Length, ids.Length - done));
            for (var i = 0; i < batch.Length; i++)
            {
                found[i] = RowIndex(directory, batch[i]);
            }

            var weights = tf.Slice(done, batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                var row = WidenFinite(rows[found[i]]);
                var v = weights[i] * row.GetElement(0);
                squares += v * v;
                sum += Vector128.Create(v) * row;
            }
        }

        view[0] = sum.GetElement(1);
        view[1] = sum.GetElement(2);
        view[2] = sum.GetElement(3);
        return squares;
    }

    private static float Widen(ushort half) => (float)BitConverter.UInt16BitsToHalf(half);

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

    /// <summary>2^112, exactly representable (a const, so the hot loop has no static-field access).</summary>
    private const float TwoTo112 = 5192296858534827628530496329220096f;

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
