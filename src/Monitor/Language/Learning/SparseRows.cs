namespace Monitor.Language.Learning;

/// <summary>Training documents as compressed sparse rows (one contiguous id and value array).</summary>
internal sealed class SparseRows
{
    private int[] ids = new int[1 << 16];
    private float[] values = new float[1 << 16];
    private readonly List<int> rowStarts = [0];

    public int Rows => rowStarts.Count - 1;

    public void AddRow(ReadOnlySpan<int> rowIds, ReadOnlySpan<float> rowValues)
    {
        var start = rowStarts[^1];
        var end = start + rowIds.Length;
        if (end > ids.Length)
        {
            var capacity = Math.Max(end, ids.Length * 2);
            Array.Resize(ref ids, capacity);
            Array.Resize(ref values, capacity);
        }

        rowIds.CopyTo(ids.AsSpan(start));
        rowValues.CopyTo(values.AsSpan(start));
        rowStarts.Add(end);
    }

    public ReadOnlySpan<int> Ids(int row) => ids.AsSpan(rowStarts[row], rowStarts[row + 1] - rowStarts[row]);

    public ReadOnlySpan<float> Values(int row) => values.AsSpan(rowStarts[row], rowStarts[row + 1] - rowStarts[row]);

    /// <summary>Row values are rewritten in place once idf is known.</summary>
    public Span<float> MutableValues(int row) => values.AsSpan(rowStarts[row], rowStarts[row + 1] - rowStarts[row]);
}
