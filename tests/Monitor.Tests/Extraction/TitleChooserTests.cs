using Monitor.Extraction;

namespace Monitor.Tests.Extraction;

public sealed class TitleChooserTests
{
    private static readonly Uri PageUrl = new("https://bao-tinh.example.vn/bai-3.html");

    private static string? TitleOf(string head, string body) =>
        new ArticleExtractor().Extract($"<html lang=\"vi\"><head>{head}</head><body>{body}{Prose}</body></html>", PageUrl, profile: null).Title;

    private const string Prose = """
        <p>Các hộ tham gia được hỗ trợ giống, phân bón và tập huấn kỹ thuật canh tác an toàn trong suốt vụ.</p>
        <p>Sản phẩm được bao tiêu, giá bán cao hơn khoảng 15% so với cách làm cũ, người dân rất phấn khởi.</p>
        """;

    [Fact]
    public void Choose_BrandingH1BeforeTheHeadline_TakesTheHeadline()
    {
        var title = TitleOf(
            "<title>Mở rộng vùng chè an toàn | Báo Tỉnh</title><meta property=\"og:site_name\" content=\"Báo Tỉnh\">",
            "<h1 class=\"logo\">Báo Tỉnh</h1><h1>Mở rộng vùng chè an toàn</h1>");

        title.ShouldBe("Mở rộng vùng chè an toàn");
    }

    [Fact]
    public void Choose_LoneH1NamingTheBlog_TakesTheDocumentTitle()
    {
        var title = TitleOf("<title>Ghi chép mùa gặt ở bản Mường</title>", "<h1>Nhật ký của Lan</h1>");

        title.ShouldBe("Ghi chép mùa gặt ở bản Mường");
    }

    [Fact]
    public void Choose_H1InCapitals_TakesTheDeclaredCasing()
    {
        var title = TitleOf("<meta property=\"og:title\" content=\"Mùa lúa mới ở đồng bằng\">", "<h1>MÙA LÚA MỚI Ở ĐỒNG BẰNG</h1>");

        title.ShouldBe("Mùa lúa mới ở đồng bằng");
    }

    [Fact]
    public void Choose_OnlyADocumentTitleEndingWithTheDomain_DomainCutOff()
    {
        TitleOf("<title>Lễ hội mùa xuân | baotinh.vn</title>", string.Empty).ShouldBe("Lễ hội mùa xuân");
    }

    [Fact]
    public void Choose_TitleSuffixShortensTheSiteName_SuffixCutOff()
    {
        var title = TitleOf(
            "<title>Danh mục thiết kế website | Công ty Truyền thông Số</title><meta property=\"og:site_name\" content=\"Công ty Truyền thông Số Việt\">",
            string.Empty);

        title.ShouldBe("Danh mục thiết kế website");
    }
}
