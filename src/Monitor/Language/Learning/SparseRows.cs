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

    /// <summary>A copy with every value multiplied by its feature's scale.</summary>
    public SparseRows Scaled(float[] scale)
    {
        var copy = new SparseRows();
        var buffer = new float[64];
        for (var row = 0; row < Rows; row++)
        {
            var rowIds = Ids(row);
            if (buffer.Length < rowIds.Length)
            {
                buffer = new float[rowIds.Length * 2];
            }

            var rowValues = Values(row);
            for (var j = 0; j < rowIds.Length; j++)
            {
                buffer[j] = rowValues[j] * scale[rowIds[j]];
            }

            copy.AddRow(rowIds, buffer.AsSpan(0, rowIds.Length));
        }

        return copy;
    }

    /// <summary>Row values are rewritten in place once idf is known.</summary>
    public Span<float> MutableValues(int row) => values.AsSpan(rowStarts[row], rowStarts[row + 1] - rowStarts[row]);
}
