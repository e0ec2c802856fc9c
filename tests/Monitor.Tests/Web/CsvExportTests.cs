using System.Text;
using Monitor.Worker.Web.Export;

namespace Monitor.Tests.Web;

/// <summary>CSV as Excel reads Vietnamese: BOM, RFC 4180 quoting; a cell that looks like a formula stays text.</summary>
public sealed class CsvExportTests
{
    [Fact]
    public async Task WriteAsync_VietnameseQuotesAndFormulas_BomQuotedAndDefused()
    {
        using var output = new MemoryStream();
        var table = new ExportTable("t", ["Tiêu đề", "Số"], Rows(
            ["Lũ lụt ở \"Thái Nguyên\", tối nay", 1234567L],
            ["=HYPERLINK(\"http://x\")", 0.5],
            ["dòng\nmới", null]));

        await CsvExport.WriteAsync(table, output);

        var bytes = output.ToArray();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldBe(
            "Tiêu đề,Số\r\n\"Lũ lụt ở \"\"Thái Nguyên\"\", tối nay\",1234567\r\n\"'=HYPERLINK(\"\"http://x\"\")\",0.5\r\n\"dòng\nmới\",\r\n");
    }

    private static async IAsyncEnumerable<object?[]> Rows(params object?[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
