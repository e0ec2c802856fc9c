using System.Globalization;
using System.Text;
using System.Text.Json;
using Monitor.Replay.Websites.Content;
using Monitor.Tests.Support;
using Monitor.Worker.Commands.Extract;

namespace Monitor.Tests.Extraction;

public sealed class ExtractCommandTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("monitor-extract-");

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public void Run_FolderWithOneUnreadablePage_WritesTheOthersAndReportsTheBadOne()
    {
        var input = root.CreateSubdirectory("in");
        var output = new DirectoryInfo(Path.Combine(root.FullName, "out"));
        File.WriteAllText(Path.Combine(input.FullName, "bai-1.html"), VietnamesePages.StationArticle());
        File.WriteAllText(Path.Combine(input.FullName, "chuyen-muc.html"), VietnamesePages.ListingPage());
        File.CreateSymbolicLink(Path.Combine(input.FullName, "hong.html"), Path.Combine(root.FullName, "khong-ton-tai.html"));
        var urls = new Dictionary<string, Uri> { ["bai-1"] = new("https://dai-tinh.example.vn/bai-1.html") };

        var summary = PageBatchExtractor.Run(input, output, urls);

        summary.Pages.ShouldBe(2);
        summary.Failed.ShouldBe(1);
        File.Exists(Path.Combine(output.FullName, "hong.json")).ShouldBeFalse();
        using var article = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "bai-1.json")));
        var fields = article.RootElement;
        fields.GetProperty("title").GetString().ShouldBe("Tổng kết công tác tuyên truyền năm 2024");
        fields.GetProperty("datePublished").GetString().ShouldBe("2024-03-12T14:00:00+07:00");
        fields.GetProperty("author").GetString().ShouldBe("Nguyễn Văn An");
        fields.GetProperty("language").GetString().ShouldBe("vi");
        fields.GetProperty("pageKind").GetString().ShouldBe("article");
        fields.GetProperty("articleBody").GetString().ShouldStartWith(VietnamesePages.ArticleParagraphOne);
        using var listing = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, "chuyen-muc.json")));
        listing.RootElement.GetProperty("pageKind").GetString().ShouldBe("listing");
        listing.RootElement.GetProperty("datePublished").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Run_SavedPagesInOtherEncodings_ReadByTheirBytesAndMeta()
    {
        var input = root.CreateSubdirectory("in");
        var output = new DirectoryInfo(Path.Combine(root.FullName, "out"));
        const string page = """<html><head><meta charset="{0}"><title>Lễ hội Hòa Bình</title></head><body><h1>Lễ hội Hòa Bình</h1></body></html>""";
        // A Windows-1258 page as the station serves it, and a page re-saved as UTF-8 that still declares Latin-1.
        File.WriteAllBytes(Path.Combine(input.FullName, "cp1258.html"), Windows1258Text.Encode(string.Format(CultureInfo.InvariantCulture, page, "windows-1258")));
        File.WriteAllBytes(Path.Combine(input.FullName, "resaved.html"), Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, page, "iso-8859-1")));

        PageBatchExtractor.Run(input, output, new Dictionary<string, Uri>()).Pages.ShouldBe(2);

        foreach (var stem in new[] { "cp1258", "resaved" })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.FullName, stem + ".json")));
            json.RootElement.GetProperty("title").GetString().ShouldBe("Lễ hội Hòa Bình".Normalize(NormalizationForm.FormC), stem);
        }
    }

    [Fact]
    public void Load_UrlMapLines_ReadsStemsAndRejectsRelativeUrls()
    {
        var good = new FileInfo(Path.Combine(root.FullName, "urls.txt"));
        File.WriteAllText(good.FullName, "# stem url\nbai-1\thttps://dai-tinh.example.vn/bai-1.html\n");
        var bad = new FileInfo(Path.Combine(root.FullName, "bad.json"));
        File.WriteAllText(bad.FullName, """{"bai-1": "/tuong-doi.html"}""");

        UrlMap.Load(good)["bai-1"].ShouldBe(new Uri("https://dai-tinh.example.vn/bai-1.html"));
        Should.Throw<FormatException>(() => UrlMap.Load(bad)).Message.ShouldContain("not an absolute http(s) URL");
    }

    [Fact]
    public void Run_PageLargerThanTheLimit_SkippedWithItsSizeAndTheOthersExtracted()
    {
        // Issue 11, case 10: a 200 MB file was read whole (2.6 GB of memory).
        var input = root.CreateSubdirectory("in");
        var output = new DirectoryInfo(Path.Combine(root.FullName, "out"));
        File.WriteAllText(Path.Combine(input.FullName, "bai-1.html"), VietnamesePages.StationArticle());
        File.WriteAllText(Path.Combine(input.FullName, "khong-lo.html"), "<html><body><p>" + new string('x', (int)SavedPage.DefaultMaxBytes) + "</p></body></html>");
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        try
        {
            var summary = PageBatchExtractor.Run(input, output, new Dictionary<string, Uri>());

            summary.Pages.ShouldBe(1);
            summary.Failed.ShouldBe(1);
        }
        finally
        {
            Console.SetError(original);
        }

        errors.ToString().ShouldContain("khong-lo.html: 5.0 MB is more than the 5.0 MB limit (raise it with --max-bytes)");
        File.Exists(Path.Combine(output.FullName, "khong-lo.json")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A }, "a PDF file")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "a PNG image")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "a ZIP archive")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E, 0x00, 0x01, 0x02 }, "NUL bytes")]
    public void Run_BinaryFileNamedHtml_SkippedAsNotAPage(byte[] head, string expected)
    {
        var input = root.CreateSubdirectory("in");
        var output = new DirectoryInfo(Path.Combine(root.FullName, "out"));
        var random = new Random(7);
        var body = new byte[20_000];
        random.NextBytes(body);
        File.WriteAllBytes(Path.Combine(input.FullName, "tep.html"), [.. head, .. body]);
        File.WriteAllText(Path.Combine(input.FullName, "bai-1.html"), VietnamesePages.StationArticle());

        var exception = Should.Throw<SavedPageRefusedException>(() => SavedPage.Read(Path.Combine(input.FullName, "tep.html"), SavedPage.DefaultMaxBytes));
        var summary = PageBatchExtractor.Run(input, output, new Dictionary<string, Uri>());

        exception.Message.ShouldContain(expected);
        summary.Pages.ShouldBe(1);
        File.Exists(Path.Combine(output.FullName, "tep.json")).ShouldBeFalse();
    }

    [Fact]
    public void Read_Utf16PageWithItsBom_IsTextNotBinary()
    {
        var file = Path.Combine(root.FullName, "utf16.html");
        File.WriteAllBytes(file, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<html><body><h1>Lễ hội Hòa Bình</h1></body></html>")]);

        SavedPage.Read(file, SavedPage.DefaultMaxBytes).ShouldContain("Lễ hội Hòa Bình".Normalize(NormalizationForm.FormC));
    }

    [Fact]
    public async Task Extract_OutIsAFile_ClearErrorWithoutAStackTrace()
    {
        var input = root.CreateSubdirectory("in");
        File.WriteAllText(Path.Combine(input.FullName, "bai-1.html"), VietnamesePages.StationArticle());
        var notAFolder = Path.Combine(root.FullName, "ket-qua.txt");
        File.WriteAllText(notAFolder, "đây là một tệp");

        var (exitCode, output, error) = await CliRun.InvokeAsync("extract", "--in", input.FullName, "--out", notAFolder);

        exitCode.ShouldBe(2);
        (output + error).ShouldContain("cannot write results to");
        (output + error).ShouldNotContain("   at ");
    }
}
