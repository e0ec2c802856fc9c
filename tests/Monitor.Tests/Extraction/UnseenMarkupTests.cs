using Monitor.Extraction;

namespace Monitor.Tests.Extraction;

public sealed class UnseenMarkupTests
{
    [Fact]
    public void Strip_ScriptStyleAndComment_BodiesGoTagsStay()
    {
        const string html = "<p>Tin</p><script src=a.js>var x = '<p>giả</p>';</script><STYLE media=all>p{color:red}</STYLE><!-- quảng cáo --><p>mới</p>";

        UnseenMarkup.Strip(html).ShouldBe("<p>Tin</p><script src=a.js></script><STYLE media=all></STYLE><p>mới</p>");
    }

    [Fact]
    public void Strip_JsonLdScript_KeptWhole()
    {
        const string html = """<script type="application/ld+json">{"headline":"Lễ hội"}</script><script>track()</script>""";

        UnseenMarkup.Strip(html).ShouldBe("""<script type="application/ld+json">{"headline":"Lễ hội"}</script><script></script>""");
    }

    [Fact]
    public void Strip_NestedSvg_EmptiedToTheOuterClose()
    {
        const string html = "<a>Chia sẻ<svg viewBox='0 0 1 1'><svg><title>icon</title></svg><path d='M0'/></svg></a>";

        UnseenMarkup.Strip(html).ShouldBe("<a>Chia sẻ<svg viewBox='0 0 1 1'></svg></a>");
    }

    [Fact]
    public void Strip_GreaterThanInsideAQuotedAttribute_TagKeptWhole()
    {
        const string html = """<script data-rule="a > b" src='x.js?q=>'>chạy()</script><p>Tin</p>""";

        UnseenMarkup.Strip(html).ShouldBe("""<script data-rule="a > b" src='x.js?q=>'></script><p>Tin</p>""");
    }

    [Theory]
    [InlineData("<p>Không đóng</p><script>var a = 1;")]
    [InlineData("<p>Chú thích</p><!-- không đóng")]
    [InlineData("<scripts>Thẻ riêng của trang</scripts><styles>x</styles><svgx>y</svgx>")]
    [InlineData("<svg/><p>Biểu tượng tự đóng</p>")]
    [InlineData("<p>Không có gì để bỏ</p>")]
    public void Strip_NothingToEmpty_PageUnchanged(string html)
    {
        UnseenMarkup.Strip(html).ShouldBe(html);
    }

    [Fact]
    public void Extract_BodyInsideScriptString_NotTakenAsText()
    {
        const string html = """
            <html><head><title>Khánh thành cầu mới</title>
            <script>document.write('<div class="article-body"><p>Đoạn văn giả trong mã kịch bản, không phải bài báo.</p></div>');</script></head>
            <body><article><h1>Khánh thành cầu mới</h1>
            <p>Sáng nay, tỉnh tổ chức lễ khánh thành cây cầu nối hai bờ sông, rút ngắn đường đi của hàng nghìn hộ dân.</p>
            <p>Công trình hoàn thành sớm hai tháng so với kế hoạch, với tổng vốn đầu tư từ ngân sách tỉnh và trung ương.</p>
            </article></body></html>
            """;

        var article = new ArticleExtractor().Extract(html, new Uri("https://dai-tinh.example.vn/cau-moi.html"), profile: null);

        article.Body.ShouldNotBeNull();
        article.Body.ShouldContain("Công trình hoàn thành sớm");
        article.Body.ShouldNotContain("Đoạn văn giả");
    }
}
