using Monitor.Extraction;

namespace Monitor.Tests.Extraction;

/// <summary>Layouts of Vietnamese station sites: the standfirst ("sapo"), short news, a name signed on the last line.</summary>
public sealed class StationLayoutTests
{
    private static readonly Uri PageUrl = new("https://dai-tinh.example.vn/tin-tuc/bai-1.html");

    [Fact]
    public void Extract_SapoInH2BeforeContent_BodyStartsWithIt()
    {
        const string html = """
            <html lang="vi"><body><div class="menu"><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></div>
            <article><h1 class="detail-title">Mở rộng vùng trồng chè an toàn</h1>
            <h2 class="detail-sapo">(TTV) - Năm nay huyện mở rộng thêm 120 ha chè theo tiêu chuẩn VietGAP.</h2>
            <div class="detail-content"><p>Các hộ tham gia được hỗ trợ giống, phân bón và tập huấn kỹ thuật canh tác an toàn trong suốt vụ.</p>
            <p>Sản phẩm chè được bao tiêu, giá bán cao hơn khoảng 15% so với chè trồng theo cách cũ, người dân rất phấn khởi.</p></div>
            </article></body></html>
            """;

        var article = new ArticleExtractor().Extract(html, PageUrl, profile: null);

        article.Body.ShouldNotBeNull().ShouldStartWith("(TTV) - Năm nay huyện mở rộng thêm 120 ha chè");
        article.Body.ShouldContain("Sản phẩm chè được bao tiêu");
        article.Body.ShouldNotContain("Trang chủ");
    }

    [Fact]
    public void Extract_LinkedTeaserBeforeContent_NotTakenAsSapo()
    {
        const string html = """
            <html lang="vi"><body><article><h1>Mở rộng vùng trồng chè an toàn</h1>
            <div class="summary"><a href="/bai-khac-1">Bài khác: giá chè tăng mạnh cuối năm</a></div>
            <div class="content"><p>Các hộ tham gia được hỗ trợ giống, phân bón và tập huấn kỹ thuật canh tác an toàn trong suốt vụ.</p>
            <p>Sản phẩm chè được bao tiêu, giá bán cao hơn khoảng 15% so với chè trồng theo cách cũ, người dân rất phấn khởi.</p></div>
            </article></body></html>
            """;

        var article = new ArticleExtractor().Extract(html, PageUrl, profile: null);

        article.Body.ShouldNotBeNull().ShouldNotContain("giá chè tăng mạnh");
    }

    [Fact]
    public void Extract_ShortNoticeWithDatedHeadline_IsArticle()
    {
        const string html = """
            <html lang="vi"><body><div class="detail"><h1 class="title-detail">Thông báo lịch trực ban tuần 47</h1>
            <div class="time-detail">Chủ nhật, 15/11/2026, 16:30</div>
            <div class="content-detail"><p>Đề nghị các phòng bố trí cán bộ trực đầy đủ, bảo đảm an toàn cơ quan và sẵn sàng xử lý công việc đột xuất trong dịp cuối tuần.</p></div>
            </div></body></html>
            """;

        var article = new ArticleExtractor().Extract(html, PageUrl, profile: null);

        article.PageKind.ShouldBe(PageKind.Article);
        article.PublishedAt.ShouldBe(new DateTimeOffset(2026, 11, 15, 16, 30, 0, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void Extract_ShortTextWithoutDatedHeadline_IsNotArticle()
    {
        const string html = """
            <html lang="vi"><body><h1>Liên hệ</h1>
            <p>Mọi ý kiến đóng góp xin gửi về hộp thư của Ban biên tập, chúng tôi sẽ phản hồi sớm nhất có thể.</p>
            </body></html>
            """;

        new ArticleExtractor().Extract(html, PageUrl, profile: null).PageKind.ShouldNotBe(PageKind.Article);
    }

    [Fact]
    public void Extract_VietnamesePageSignedOnLastLine_AuthorIsTheName()
    {
        const string html = """
            <html lang="vi"><body><div class="news-content"><h1>Nông dân thu hoạch lúa mùa</h1>
            <p>Vụ mùa năm nay năng suất đạt khá, nhiều hộ gia đình thu lãi cao nhờ áp dụng giống mới và cơ giới hóa.</p>
            <p>Ngành nông nghiệp khuyến cáo bà con phơi sấy kịp thời để giữ chất lượng hạt gạo, tránh mưa trái mùa.</p>
            <p align="right"><b>Hoàng Việt</b></p></div></body></html>
            """;

        new ArticleExtractor().Extract(html, PageUrl, profile: null).Author.ShouldBe("Hoàng Việt");
    }

    [Fact]
    public void Extract_EnglishPageEndingWithButton_NoAuthor()
    {
        const string html = """
            <html lang="en"><body><div class="post-content"><h1>Harvest season begins</h1>
            <p>Farmers across the valley started bringing in the rice crop this week, with yields well above last year's.</p>
            <p>Officials advised drying the grain quickly to keep its quality, as late rain is expected in the region.</p>
            <p>Read More</p></div></body></html>
            """;

        new ArticleExtractor().Extract(html, PageUrl, profile: null).Author.ShouldBeNull();
    }

    [Fact]
    public void Extract_ProfileBodyUnion_PartsInPageOrder()
    {
        const string html = """
            <html><body><h1 class="t">Khánh thành cầu mới</h1><div class="sapo">Cầu dài 300 m nối hai xã ven sông.</div>
            <div class="related">Tin liên quan</div><div class="content"><p>Công trình hoàn thành sớm hai tháng.</p></div></body></html>
            """;
        var profile = new SiteProfile("thu", ["dai-tinh.example.vn"], TitleXPath: "//h1[@class='t']", PublishedXPath: null, DateFormats: [],
            AuthorXPath: null, CategoryXPath: null, BodyXPath: "//div[@class='sapo'] | //div[@class='content']", RemoveXPaths: [],
            CommentCountXPath: null, ArticleLinkXPath: null, NextPageXPath: null);

        var article = new ArticleExtractor().Extract(html, PageUrl, profile);

        article.Body.ShouldBe("Cầu dài 300 m nối hai xã ven sông.\n\nCông trình hoàn thành sớm hai tháng.");
    }
}
