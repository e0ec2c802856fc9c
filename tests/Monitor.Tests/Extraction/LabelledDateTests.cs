using Monitor.Extraction;

namespace Monitor.Tests.Extraction;

public sealed class LabelledDateTests
{
    private static readonly Uri PageUrl = new("https://bao-tinh.example.vn/bai-4.html");

    private static DateTimeOffset? PublishedOf(string jsonLdDate, string underHeadline) =>
        new ArticleExtractor().Extract($$"""
            <html lang="vi"><head><title>Khánh thành cầu mới</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Khánh thành cầu mới","datePublished":"{{jsonLdDate}}"}</script></head>
            <body><article><h1>Khánh thành cầu mới</h1>{{underHeadline}}
            <p>Sáng nay, tỉnh tổ chức lễ khánh thành cây cầu nối hai bờ sông, rút ngắn đường đi của hàng nghìn hộ dân.</p>
            <p>Công trình hoàn thành sớm hai tháng so với kế hoạch, với tổng vốn đầu tư từ ngân sách tỉnh và trung ương.</p>
            </article></body></html>
            """, PageUrl, profile: null).PublishedAt;

    [Fact]
    public void Extract_PublishedLabelUnderHeadline_OutranksMetadataOfAnotherDay()
    {
        var published = PublishedOf("2025-11-29T12:28:31+07:00", "<div class=\"post-date\">Ngày đăng: 13/08/2025</div>");

        published.ShouldBe(new DateTimeOffset(2025, 8, 13, 0, 0, 0, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void Extract_PublishedLabelOnTheMetadataDay_MetadataKeepsItsTime()
    {
        var published = PublishedOf("2025-08-13T09:45:00+07:00", "<div class=\"post-date\">Published August 13, 2025</div>");

        published.ShouldBe(new DateTimeOffset(2025, 8, 13, 9, 45, 0, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void Extract_PublishedInsideASentence_MetadataStays()
    {
        var published = PublishedOf("2025-11-29T12:28:31+07:00", "<p class=\"date-note\">The study, published online Feb. 16, 2023, found more.</p>");

        published.ShouldBe(new DateTimeOffset(2025, 11, 29, 12, 28, 31, TimeSpan.FromHours(7)));
    }
}
