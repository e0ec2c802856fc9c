using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Monitor.Worker.Web.Export;

/// <summary>
/// XLSX written row by row with the Open XML SDK's forward-only writer (never a DOM of the sheet),
/// into a temporary file that is then streamed to the client: a zip package needs a seekable
/// stream, and the temporary file keeps memory flat however many rows there are.
/// </summary>
public static class XlsxExport
{
    /// <summary>Excel's own limit; past it the rows go on a second sheet, and so on.</summary>
    private const int MaxRowsPerSheet = 1_048_575;

    public static async Task WriteAsync(ExportTable table, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        var path = Path.Combine(Path.GetTempPath(), "monitor-export-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await WriteFileAsync(table, path, cancellationToken);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await file.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task WriteFileAsync(ExportTable table, string path, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheets = new List<(string Id, int Number)>();
        await using var rows = table.Rows.GetAsyncEnumerator(cancellationToken);
        var more = await rows.MoveNextAsync();
        do
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            sheets.Add((workbook.GetIdOfPart(part), sheets.Count + 1));
            using var writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, table.Headers);
            for (var count = 0; more && count < MaxRowsPerSheet; count++)
            {
                WriteRow(writer, rows.Current);
                more = await rows.MoveNextAsync();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        while (more);

        using (var writer = OpenXmlWriter.Create(workbook))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            foreach (var (id, number) in sheets)
            {
                writer.WriteElement(new Sheet { Id = id, SheetId = (uint)number, Name = number == 1 ? "Monitor" : $"Monitor {number}" });
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(value switch
            {
                null => new Cell(),
                int or long or double or float or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
                DateTimeOffset at => Text(at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)),
                _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
            });
        }

        writer.WriteEndElement();
    }

    private static Cell Text(string text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(StripInvalid(text))) };

    /// <summary>XML 1.0 cannot carry most control characters; a scraped title sometimes holds one.</summary>
    private static string StripInvalid(string text) =>
        text.Any(c => c < 0x20 && c is not '\t' and not '\n' and not '\r') ? new string([.. text.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r')]) : text;
}
