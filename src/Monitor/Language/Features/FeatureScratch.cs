using System.Runtime.CompilerServices;

namespace Monitor.Language.Features;

/// <summary>
/// Per-thread working memory for <see cref="FeatureExtractor"/>: the token buffer, the raw hashed
/// ids of one view, a small open-addressing count table (it stays in L1 cache, unlike a dense array
/// over 2^20 features), and the output arrays. Allocated once and reused for every document, so
/// extracting features allocates nothing once it has grown to the largest document.
/// </summary>
internal sealed class FeatureScratch
{
    /// <summary>
    /// Count table slots: (stamp &lt;&lt; 32) | id. A slot whose stamp is not the current one is empty,
    /// so starting a new view is one increment instead of clearing the table.
    /// </summary>
    private long[] slots = new long[1024];

    /// <summary>Per slot, the feature's index in <see cref="Ids"/>/<see cref="Values"/>.</summary>
    private int[] positions = new int[1024];

    private long stamp = 1;

    public FeatureScratch(FeatureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
    }

    public TokenBuffer Tokens { get; } = new();

    public ulong[] TokenHashes { get; private set; } = new ulong[256];

    public ulong[] PlainHashes { get; private set; } = new ulong[256];

    /// <summary>Hashed ids of one view in the order they occur, repeats included.</summary>
    public int[] Raw { get; private set; } = new int[2048];

    public int[] Ids { get; private set; } = new int[1024];

    public float[] Values { get; private set; } = new float[1024];

    public int Count { get; set; }

    /// <summary>End offsets in <see cref="Ids"/> of each view, for per-view normalisation.</summary>
    public int[] ViewEnds { get; } = new int[3];

    /// <summary>
    /// Appends the distinct ids of <c>Raw[..rawCount]</c> with their counts to <see cref="Ids"/>/<see cref="Values"/>,
    /// in order of first occurrence, and ends <paramref name="view"/> there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CountView(int rawCount, int view)
    {
        if (rawCount * 2 > slots.Length)
        {
            GrowTable(rawCount * 2);
        }

        EnsureOutput(Count + rawCount);
        var table = slots;
        var where = positions;
        var ids = Ids;
        var values = Values;
        var mask = table.Length - 1;
        var current = stamp << 32;
        var count = Count;
        foreach (var id in Raw.AsSpan(0, rawCount))
        {
            var key = current | (uint)id;
            var slot = id & mask; // ids are already hashes: their low bits are uniform
            while (true)
            {
                var entry = table[slot];
                if (entry == key)
                {
                    values[where[slot]]++;
                    break;
                }

                if ((entry ^ current) >> 32 != 0)
                {
                    table[slot] = key;
                    where[slot] = count;
                    ids[count] = id;
                    values[count] = 1;
                    count++;
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        Count = count;
        ViewEnds[view] = count;
        if (++stamp > uint.MaxValue)
        {
            // After 2^32 views the stamps would repeat: start again from a cleared table.
            Array.Clear(slots);
            stamp = 1;
        }
    }

    public void EnsureTokenHashes(int size)
    {
        if (TokenHashes.Length < size)
        {
            TokenHashes = new ulong[Math.Max(size, TokenHashes.Length * 2)];
            PlainHashes = new ulong[TokenHashes.Length];
        }
    }

    public int[] EnsureRaw(int size)
    {
        if (Raw.Length < size)
        {
            Raw = new int[Math.Max(size, Raw.Length * 2)];
        }

        return Raw;
    }

    /// <summary>A bigger table for a long document; what it held belongs to finished views, so it starts empty.</summary>
    private void GrowTable(int atLeast)
    {
        var size = slots.Length;
        while (size < atLeast)
        {
            size *= 2;
        }

        slots = new long[size];
        positions = new int[size];
        stamp = 1;
    }

    private void EnsureOutput(int size)
    {
        if (Ids.Length < size)
        {
            var capacity = Math.Max(size, Ids.Length * 2);
            var ids = Ids;
            var values = Values;
            Array.Resize(ref ids, capacity);
            Array.Resize(ref values, capacity);
            Ids = ids;
            Values = values;
        }
    }
}
