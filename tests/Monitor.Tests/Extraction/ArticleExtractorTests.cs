using Monitor.Extraction;

namespace Monitor.Tests.Extraction;

public sealed class ArticleExtractorTests
{
    private static readonly Uri PageUrl = new("https://dai-tinh.example.vn/tong-ket-cong-tac-tuyen-truyen-12345.html");
    private readonly ArticleExtractor extractor = new();

    [Fact]
    public void Extract_StationArticleWithoutProfile_BodyWithoutFurniture()
    {
        var article = extractor.Extract(VietnamesePages.StationArticle(), PageUrl, profile: null);

        article.PageKind.ShouldBe(PageKind.Article);
        article.Body.ShouldNotBeNull();
        article.Body.ShouldContain(VietnamesePages.ArticleParagraphOne);
        article.Body.ShouldContain(VietnamesePages.ArticleParagraphTwo);
        article.Body.ShouldContain(VietnamesePages.ArticleParagraphThree);
        article.Body.ShouldNotContain("Tin liên quan");
        article.Body.ShouldNotContain("Bạn đọc Minh");
        article.Body.ShouldNotContain("Chia sẻ");
        article.Body.ShouldNotContain("cookie");
        article.Body.ShouldNotContain("Bản quyền");
        article.Body.ShouldNotContain("Đọc nhiều");
        article.Body.ShouldNotContain("Trang chủ");
    }

    [Fact]
    public void Extract_StationArticleWithoutProfile_TitleDateAuthorLanguage()
    {
        var article = extractor.Extract(VietnamesePages.StationArticle(), PageUrl, profile: null);

        article.Title.ShouldBe("Tổng kết công tác tuyên truyền năm 2024");
        article.PublishedAt.ShouldBe(new DateTimeOffset(2024, 3, 12, 7, 0, 0, TimeSpan.Zero));
        article.Author.ShouldBe("Nguyễn Văn An");
        article.Language.ShouldBe("vi");
    }

    [Fact]
    public void Extract_ArticleEndingWithTheoSource_AuthorIsSource()
    {
        var article = extractor.Extract(VietnamesePages.StationArticle(byline: "Theo TTXVN"), PageUrl, profile: null);

        article.Author.ShouldBe("TTXVN");
    }

    [Fact]
    public void Extract_ArticleEndingWithNguonLine_AuthorIsSource()
    {
        var article = extractor.Extract(VietnamesePages.StationArticle(byline: "Nguồn: Báo Nhân Dân"), PageUrl, profile: null);

        article.Author.ShouldBe("Báo Nhân Dân");
    }

    [Fact]
    public void Extract_JsonLdGraph_NewsArticleFieldsWin()
    {
        const string head = """
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Đài PT-TH Tỉnh"},
              {"@type":"NewsArticle","headline":"Tổng kết công tác tuyên truyền năm 2024","datePublished":"2024-03-12T09:30:00+07:00",
               "author":[{"@type":"Person","name":"Trần Thị Bình"},{"@type":"Person","name":"Lê Minh"}],"articleSection":"Thời sự"}
            ]}
            </script>
            """;

        var article = extractor.Extract(VietnamesePages.StationArticle(head), PageUrl, profile: null);

        article.PublishedAt.ShouldBe(new DateTimeOffset(2024, 3, 12, 2, 30, 0, TimeSpan.Zero));
        article.Author.ShouldBe("Trần Thị Bình, Lê Minh");
        article.Category.ShouldBe("Thời sự");
        article.PageKind.ShouldBe(PageKind.Article);
    }

    [Fact]
    public void Extract_BrokenJsonLd_FallsBackToOpenGraph()
    {
        const string head = """
            <script type="application/ld+json">{"@type":"NewsArticle", "headline": "thiếu ngoặc</script>
            <meta property="og:title" content="Tổng kết công tác tuyên truyền năm 2024 | Đài PT-TH Tỉnh">
            <meta property="og:site_name" content="Đài PT-TH Tỉnh">
            <meta property="article:published_time" content="2024-03-11T22:15:00+07:00">
            <meta name="author" content="Phạm Hùng">
            """;

        var article = extractor.Extract(VietnamesePages.StationArticle(head), PageUrl, profile: null);

        article.PublishedAt.ShouldBe(new DateTimeOffset(2024, 3, 11, 15, 15, 0, TimeSpan.Zero));
        article.Author.ShouldBe("Phạm Hùng");
        article.Title.ShouldBe("Tổng kết công tác tuyên truyền năm 2024");
    }

    [Fact]
    public void Extract_TimeElement_UsedWhenNoMeta()
    {
        var html = VietnamesePages.StationArticle().Replace(
            "<div class=\"date-detail\">Thứ Ba, 12/03/2024, 14:00 [GMT+7]</div>",
            "<time datetime=\"2024-03-10T08:00:00+07:00\">Chủ nhật, 10/03/2024</time>",
            StringComparison.Ordinal);

        var article = extractor.Extract(html, PageUrl, profile: null);

        article.PublishedAt.ShouldBe(new DateTimeOffset(2024, 3, 10, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Extract_Profile_SelectorsAndFormatsApplied()
    {
        var html = VietnamesePages.StationArticle().Replace(
            "<div class=\"share-bar\">",
            "<span class=\"cat\">Kinh tế</span><span class=\"so-binh-luan\">1.234 bình luận</span><div class=\"share-bar\">",
            StringComparison.Ordinal).Replace(
            "<p><strong>NGUYỄN VĂN AN</strong></p>",
            "<p class=\"tac-gia\">Tác giả: Hoàng Lan</p><div class=\"quang-cao\">Quảng cáo sữa bột</div>",
            StringComparison.Ordinal).Replace(
            "Thứ Ba, 12/03/2024, 14:00 [GMT+7]",
            "2024.03.12 14h00",
            StringComparison.Ordinal);
        var profile = new SiteProfile(
            Name: "dai-tinh",
            Hosts: ["dai-tinh.example.vn"],
            TitleXPath: "//h1[@class='title-detail']",
            PublishedXPath: "//div[@class='date-detail']",
            DateFormats: ["yyyy.MM.dd HH'h'mm"],
            AuthorXPath: "//p[@class='tac-gia']",
            CategoryXPath: "//span[@class='cat']",
            BodyXPath: "//div[@class='detail-content']",
            RemoveXPaths: [".//div[@class='quang-cao']", ".//p[@class='tac-gia']"],
            CommentCountXPath: "//span[@class='so-binh-luan']",
            ArticleLinkXPath: null,
            NextPageXPath: null);

        var article = extractor.Extract(html, PageUrl, profile);

        article.Title.ShouldBe("Tổng kết công tác tuyên truyền năm 2024");
        article.PublishedAt.ShouldBe(new DateTimeOffset(2024, 3, 12, 7, 0, 0, TimeSpan.Zero));
        article.Author.ShouldBe("Hoàng Lan");
        article.Category.ShouldBe("Kinh tế");
        article.CommentCount.ShouldBe(1234);
        article.PageKind.ShouldBe(PageKind.Article);
        article.Body.ShouldNotBeNull();
        article.Body.ShouldStartWith(VietnamesePages.ArticleParagraphOne);
        article.Body.ShouldNotContain("Quảng cáo");
        article.Body.ShouldNotContain("Hoàng Lan");
    }

    [Fact]
    public void Extract_ProfileSelectorMissesField_FallsBackToMetadataAndGeneric()
    {
        var profile = new SiteProfile("dai-tinh", ["dai-tinh.example.vn"], "//h1[@class='khong-co']", null, [], null, null,
            "//div[@class='khong-co']", [], null, null, null);

        var article = extractor.Extract(VietnamesePages.StationArticle(), PageUrl, profile);

        article.Title.ShouldBe("Tổng kết công tác tuyên truyền năm 2024");
        article.Body.ShouldNotBeNull();
        article.Body.ShouldContain(VietnamesePages.ArticleParagraphTwo);
    }

    [Fact]
    public void Extract_ProfileWithInvalidXPath_ClearError()
    {
        var profile = new SiteProfile("hong", ["dai-tinh.example.vn"], "//h1[", null, [], null, null, null, [], null, null, null);

        var error = Should.Throw<ArgumentException>(() => extractor.Extract(VietnamesePages.StationArticle(), PageUrl, profile));

        error.Message.ShouldContain("hong");
        error.Message.ShouldContain("//h1[");
    }

    [Fact]
    public void Extract_ListingPage_IsListing()
    {
        var page = extractor.Extract(VietnamesePages.ListingPage(), new Uri("https://dai-tinh.example.vn/thoi-su"), profile: null);

        page.PageKind.ShouldBe(PageKind.Listing);
    }

    [Fact]
    public void Extract_EmptyPage_OtherWithoutBody()
    {
        var page = extractor.Extract("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>", PageUrl, profile: null);

        page.PageKind.ShouldBe(PageKind.Other);
        page.Body.ShouldBeNull();
        page.PublishedAt.ShouldBeNull();
    }

    [Fact]
    public void Extract_CanonicalLink_ResolvedAgainstPageUrl()
    {
        var article = extractor.Extract(VietnamesePages.StationArticle("<link rel=\"canonical\" href=\"/tong-ket-12345.html\">"), PageUrl, profile: null);

        article.CanonicalUrl.ShouldBe(new Uri("https://dai-tinh.example.vn/tong-ket-12345.html"));
    }
}
