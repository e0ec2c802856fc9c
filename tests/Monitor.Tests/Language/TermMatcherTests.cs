using Monitor.Language;

namespace Monitor.Tests.Language;

public sealed class TermMatcherTests
{
    [Fact]
    public void Matches_TextWithoutDiacritics_FindsAccentedTerm()
    {
        var matcher = new TermMatcher(["biểu tình"]);

        matcher.Matches("Nghe noi co bieu tinh o thi xa").Select(m => m.Term).ShouldBe([0]);
    }

    [Fact]
    public void Matches_TermInsideLongerWord_NotMatched()
    {
        var matcher = new TermMatcher(["tin"]);

        matcher.Matches("tinh thần tốt, tính toán kỹ").ShouldBeEmpty();
        matcher.Matches("bản tin sáng").Count.ShouldBe(1);
    }

    [Fact]
    public void Matches_ManyTermsOverlapping_AllFoundInOnePass()
    {
        var matcher = new TermMatcher(["sạt lở", "sạt lở đất", "lũ quét", "đất"]);

        var found = matcher.Matches("Lũ quét và SẠT LỞ ĐẤT ở Cao Bằng").Select(m => m.Term).Order().ToList();

        found.ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void Matches_PositionsPointIntoTheAccentFreeView()
    {
        var matcher = new TermMatcher(["tin giả"]);
        const string text = "Cảnh báo TIN GIẢ về lũ";

        var match = matcher.Matches(text).Single();

        matcher.View(text).Substring(match.Start, match.Length).ShouldBe("tin gia");
    }

    [Fact]
    public void Matches_EmptyTermAndEmptyText_NoMatchesNoCrash()
    {
        var matcher = new TermMatcher(["", "  "]);

        matcher.Matches("").ShouldBeEmpty();
        matcher.Matches("bất kỳ").ShouldBeEmpty();
    }
}
