using Monitor.Triage;

namespace Monitor.Tests.Triage;

public sealed class SnippetsTests
{
    [Fact]
    public void Words_VietnameseQuery_FoldedWithoutRepeats()
    {
        Snippets.Words("Điện Biên, ĐIỆN biên; Thái-Nguyên").ShouldBe(["dien", "bien", "thai", "nguyen"]);
        Snippets.Words(" … !? ").ShouldBeEmpty();
    }

    [Fact]
    public void Excerpt_MatchDeepInALongText_WindowAroundItCutAtSpaces()
    {
        var text = string.Concat(Enumerable.Repeat("Câu mở đầu không liên quan gì cả. ", 30)) + "Bà con xã Điện Biên Đông phản ánh đường hư hỏng. " + string.Concat(Enumerable.Repeat("Đoạn kết. ", 40));

        var snippet = Snippets.Excerpt(text, Snippets.Words("dien bien"), width: 120);

        snippet[0].Text.ShouldStartWith("…");
        snippet[^1].Text.ShouldEndWith("…");
        snippet.Where(s => s.Match).Select(s => s.Text).ShouldBe(["Điện", "Biên"]);
        var shown = string.Concat(snippet.Select(s => s.Text));
        shown.Length.ShouldBeLessThan(140);
        text.ShouldContain(shown.Trim('…'));
        shown.ShouldStartWith("…mở đầu");
    }

    [Fact]
    public void Mark_WordInsideALongerWord_NotMarked()
    {
        // "ha" must not mark the "ha" inside "Hà Nội" only by prefix: words match whole, as the indexes do.
        Snippets.Mark("Hạnh phúc ở Hà Nội", Snippets.Words("ha")).ShouldBe([new("Hạnh phúc ở ", false), new("Hà", true), new(" Nội", false)]);
        Snippets.Mark(null, Snippets.Words("ha")).ShouldBeEmpty();
    }
}
