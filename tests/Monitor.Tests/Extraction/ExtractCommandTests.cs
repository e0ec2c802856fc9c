using System.Text.Json;
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
