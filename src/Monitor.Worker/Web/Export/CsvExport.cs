using System.Globalization;
using System.Text;

namespace Monitor.Worker.Web.Export;

/// <summary>
/// CSV as Excel opens Vietnamese correctly: UTF-8 with a BOM, RFC 4180 quoting, CRLF. A text cell
/// that starts like a formula (<c>= + - @</c>) gets a leading apostrophe, so a comment cannot run as
/// a spreadsheet formula on the reviewer's machine.
/// </summary>
public static class CsvExport
{
    public static async Task WriteAsync(ExportTable table, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', table.Headers.Select(Quote)));
        var rows = 0;
        await foreach (var row in table.Rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', row.Select(Cell)));
            if (++rows % 1000 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        string text => Quote(text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text),
        DateTimeOffset at => at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
