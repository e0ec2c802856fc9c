using Monitor.Extraction;

namespace Monitor.Tests.Extraction;

/// <summary>
/// Issue 11, case 1: nesting and element count are bounded before HtmlAgilityPack parses a page, so a
/// crafted page costs a linear pass and one clear reason instead of minutes of quadratic work.
/// </summary>
public sealed class MarkupLimitsTests
{
    private static readonly Uri PageUrl = new("https://thainguyentv.vn/tin-tuc/bai-1.html");

    private static string Nested(string tag, int depth, string inner = "Nội dung") =>
        "<html><body>" + string.Concat(Enumerable.Repeat($"<{tag}>", depth)) + inner + string.Concat(Enumerable.Repeat($"</{tag}>", depth)) + "</body></html>";

    [Fact]
    public void Extract_HundredThousandNestedDivs_RefusedWithTheDepthLimitNamed()
    {
        // Before the bound: 85 s of parsing, then InsufficientExecutionStackException out of the extractor.
        var exception = Should.Throw<MarkupLimitException>(() => new ArticleExtractor().Extract(Nested("div", 100_000), PageUrl));

        exception.Message.ShouldContain("512 levels");
        exception.Message.ShouldContain("the page is skipped");
    }

    [Fact]
    public void Extract_MillionOpenElementsCutMidTag_Refused()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div class=\"k\">", 1_000_000)) + "<div cla";

        Should.Throw<MarkupLimitException>(() => new ArticleExtractor().Extract(html, PageUrl));
    }

    [Fact]
    public void Check_ElementsJustWithinTheDepthLimit_Pass() =>
        MarkupLimits.Check(Nested("div", MarkupLimits.MaxDepth - 2)).ShouldBeNull();

    [Fact]
    public void Check_OneLevelPastTheDepthLimit_Fails() =>
        MarkupLimits.Check(Nested("div", MarkupLimits.MaxDepth - 1)).ShouldNotBeNull();

    [Theory]
    [InlineData("<p>câu ")]
    [InlineData("<li>mục ")]
    [InlineData("<tr><td>ô ")]
    [InlineData("<br>dòng ")]
    [InlineData("<img src=\"a.jpg\">")]
    [InlineData("<span/>")]
    public void Check_ThousandsOfSiblingsNeverClosed_AreNotANest(string repeated) =>
        MarkupLimits.Check("<html><body><table>" + string.Concat(Enumerable.Repeat(repeated, 5_000)) + "</table></body></html>").ShouldBeNull();

    [Fact]
    public void Check_UnclosedFormattingTags_NestLikeAParserNestsThem() =>
        MarkupLimits.Check("<body>" + string.Concat(Enumerable.Repeat("<b>chữ đậm ", 600))).ShouldNotBeNull();

    [Theory]
    [InlineData("<script>var s = '{0}';</script>")]
    [InlineData("<style>/* {0} */</style>")]
    [InlineData("<!-- {0} -->")]
    [InlineData("<textarea>{0}</textarea>")]
    public void Check_TagsInsideScriptsStylesAndComments_AreNotCounted(string wrapper)
    {
        var inner = string.Concat(Enumerable.Repeat("<div>", 2_000));

        MarkupLimits.Check("<html><body>" + wrapper.Replace("{0}", inner, StringComparison.Ordinal) + "</body></html>").ShouldBeNull();
    }

    [Fact]
    public void Check_QuotedGreaterThanInAnAttribute_DoesNotEndTheTag() =>
        MarkupLimits.Check("<body><a title=\"a > b <div><div>\">liên kết</a></body>", maxDepth: 2).ShouldBeNull();

    [Fact]
    public void Check_MoreElementsThanTheCap_Fails()
    {
        var html = "<body>" + string.Concat(Enumerable.Repeat("<span>x</span>", MarkupLimits.MaxElements + 1)) + "</body>";

        MarkupLimits.Check(html)!.ShouldContain("elements");
    }

    [Fact]
    public void Check_TextWithLessThanSigns_IsNotATag() =>
        MarkupLimits.Check("<p>" + string.Concat(Enumerable.Repeat("a < b, 3<4, </ >, <1 ", 10_000)) + "</p>").ShouldBeNull();

    [Fact]
    public void Check_WcxbStylePageWithinLimits_Extracts()
    {
        var article = new ArticleExtractor().Extract(
            "<html lang=\"vi\"><head><title>Khai mạc hội chợ nông sản</title></head><body>" + Nested("div", 40, "<article><h1>Khai mạc hội chợ nông sản</h1><p>Sáng nay, hội chợ nông sản của tỉnh khai mạc với hơn 200 gian hàng của các hợp tác xã và doanh nghiệp trong vùng.</p></article>") + "</body></html>",
            PageUrl);

        article.Title.ShouldBe("Khai mạc hội chợ nông sản");
    }
}
