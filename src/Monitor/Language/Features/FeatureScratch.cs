using System.Runtime.CompilerServices;
namespace Monitor.Language.Features;

/// <summary>
/// Per-thread working memory for <see cref="FeatureExtractor"/>: the token buffer, a small
/// open-addressing count table (it stays in L1 cache, unlike a dense array over 2^20 features),
/// and the output arrays. Allocated once and reused for every document, so extracting features
/// allocates nothing once it has grown to the largest document.
/// </summary>
internal sealed class FeatureScratch
{
    private int[] keys = NewKeys(4096);
    private float[] counts = new float[4096];
    private int[] touched = new int[1024];
    private int touchedCount;

    public FeatureScratch(FeatureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
    }

    public TokenBuffer Tokens { get; } = new();

    public ulong[] TokenHashes { get; set; } = new ulong[256];

    public ulong[] PlainHashes { get; set; } = new ulong[256];

    public int[] Ids { get; private set; } = new int[1024];

    public float[] Values { get; private set; } = new float[1024];

    public int Count { get; set; }

    /// <summary>End offsets in <see cref="Ids"/> of each view, for per-view normalisation.</summary>
    public int[] ViewEnds { get; } = new int[3];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int id)
    {
        var mask = keys.Length - 1;
        var slot = id & mask; // ids are already hashes: their low bits are uniform
        while (true)
        {
            var key = keys[slot];
            if (key == id)
            {
                counts[slot]++;
                return;
            }

            if (key < 0)
            {
                break;
            }

            slot = (slot + 1) & mask;
        }

        keys[slot] = id;
        counts[slot] = 1;
        if (touchedCount == touched.Length)
        {
            Array.Resize(ref touched, touched.Length * 2);
        }

        touched[touchedCount++] = slot;
        if (touchedCount * 2 > keys.Length)
        {
            Grow();
        }
    }

    /// <summary>Moves the counts gathered for one view into <see cref="Ids"/>/<see cref="Values"/> and resets them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FlushView(int view)
    {
        EnsureOutput(Count + touchedCount);
        for (var i = 0; i < touchedCount; i++)
        {
            var slot = touched[i];
            Ids[Count] = keys[slot];
            Values[Count] = counts[slot];
            Count++;
            keys[slot] = -1;
        }

        touchedCount = 0;
        ViewEnds[view] = Count;
    }

    public void EnsureTokenHashes(int size)
    {
        if (TokenHashes.Length < size)
        {
            TokenHashes = new ulong[Math.Max(size, TokenHashes.Length * 2)];
            PlainHashes = new ulong[TokenHashes.Length];
        }
    }

    private static int[] NewKeys(int size)
    {
        var keys = new int[size];
        Array.Fill(keys, -1);
        return keys;
    }

    /// <summary>Doubles the table for a long document, re-inserting what has been counted so far.</summary>
    private void Grow()
    {
        var oldKeys = keys;
        var oldCounts = counts;
        var oldTouched = touched.AsSpan(0, touchedCount).ToArray();
        keys = NewKeys(oldKeys.Length * 2);
        counts = new float[keys.Length];
        var mask = keys.Length - 1;
        touchedCount = 0;
        foreach (var oldSlot in oldTouched)
        {
            var id = oldKeys[oldSlot];
            var slot = id & mask;
            while (keys[slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }

            keys[slot] = id;
            counts[slot] = oldCounts[oldSlot];
            touched[touchedCount++] = slot;
        }
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
