namespace Monitor.Language.Features;

/// <summary>
/// Per-thread working memory for <see cref="FeatureExtractor"/>: the token buffer, a dense count
/// array over the hash space with the list of touched slots, and the output arrays. Allocated
/// once and reused for every document, so extracting features allocates nothing.
/// </summary>
internal sealed class FeatureScratch
{
    private readonly float[] counts;
    private int[] touched = new int[1024];
    private int touchedCount;

    public FeatureScratch(FeatureSettings settings)
    {
        counts = new float[settings.Dimensions];
    }

    public TokenBuffer Tokens { get; } = new();

    public ulong[] TokenHashes { get; set; } = new ulong[256];

    public ulong[] PlainHashes { get; set; } = new ulong[256];

    public int[] Ids { get; private set; } = new int[1024];

    public float[] Values { get; private set; } = new float[1024];

    public int Count { get; set; }

    /// <summary>End offsets in <see cref="Ids"/> of each view, for per-view normalisation.</summary>
    public int[] ViewEnds { get; } = new int[3];

    public void Add(int id)
    {
        if (counts[id] == 0)
        {
            if (touchedCount == touched.Length)
            {
                Array.Resize(ref touched, touched.Length * 2);
            }

            touched[touchedCount++] = id;
        }

        counts[id]++;
    }

    /// <summary>Moves the counts gathered for one view into <see cref="Ids"/>/<see cref="Values"/> and resets them.</summary>
    public void FlushView(int view)
    {
        EnsureOutput(Count + touchedCount);
        for (var i = 0; i < touchedCount; i++)
        {
            var id = touched[i];
            Ids[Count] = id;
            Values[Count] = counts[id];
            Count++;
            counts[id] = 0;
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
