using System.Globalization;
using System.Text;
using System.Text.Json;
using Monitor.Replay.Websites.Content;
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
}
