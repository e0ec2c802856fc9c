using Monitor.Extraction;

namespace Monitor.Tests.Extraction;

public sealed class BylineDateTests
{
    private static readonly Uri PageUrl = new("https://bao-tinh.example.vn/bai-viet-2.html");

    [Fact]
    public void Extract_DateInsideBylineBox_IsPublishDate()
    {
        const string html = """
            <html><head><title>Mùa lúa mới ở đồng bằng</title></head>
            <body><article><h1>Mùa lúa mới ở đồng bằng</h1>
            <div class="author-meta">Bởi Trần Bình <span class="meta-date">March 30, 2023</span></div>
            <p>Nông dân các xã ven sông đang khẩn trương thu hoạch lúa vụ đông xuân, năng suất ước đạt cao hơn năm trước.</p>
            <p>Ngành nông nghiệp tỉnh khuyến cáo bà con phơi sấy kịp thời để giữ chất lượng hạt gạo và giá bán ổn định.</p>
            </article></body></html>
            """;

        var article = new ArticleExtractor().Extract(html, PageUrl, profile: null);

        article.PublishedAt.ShouldNotBeNull();
        article.PublishedAt.Value.ToOffset(TimeSpan.FromHours(7)).Date.ShouldBe(new DateTime(2023, 3, 30));
    }

    [Fact]
    public void Extract_BylineBoxWithoutDigits_NoPublishDate()
    {
        const string html = """
            <html><head><title>Mùa lúa mới ở đồng bằng</title></head>
            <body><article><h1>Mùa lúa mới ở đồng bằng</h1>
            <div class="author-meta">Bởi Trần Bình</div>
            <p>Nông dân các xã ven sông đang khẩn trương thu hoạch lúa vụ đông xuân, năng suất ước đạt cao hơn năm trước.</p>
            </article></body></html>
            """;

        new ArticleExtractor().Extract(html, PageUrl, profile: null).PublishedAt.ShouldBeNull();
    }
}
