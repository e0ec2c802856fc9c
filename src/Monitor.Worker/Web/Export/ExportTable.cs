namespace Monitor.Worker.Web.Export;

/// <summary>A table as an export writes it: headers and rows read page by page from the store (no row cap, flat memory).</summary>
public sealed record ExportTable(string FileName, IReadOnlyList<string> Headers, IAsyncEnumerable<object?[]> Rows);
