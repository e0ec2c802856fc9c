using Monitor.Language;
using Monitor.Language.Features;

namespace Monitor.Tests.Language;

public sealed class CommentCuesTests
{
    private static TokenBuffer Tokens(string text)
    {
        var buffer = new TokenBuffer();
        VietnameseNormalizer.Default.Tokenize(text, buffer);
        return buffer;
    }

    [Theory]
    [InlineData("Mấy giờ thì phát lại chương trình này ạ?")]
    [InlineData("cho em hoi dang ky o dau")]
    [InlineData("Có ship ra Hà Nội không ạ")]
    [InlineData("bh có kết quả v ad")]
    [InlineData("Bao nhiêu tiền một vé")]
    [InlineData("Đường đã thông chưa")]
    public void IsQuestion_Questions_True(string text) => CommentCues.IsQuestion(Tokens(text)).ShouldBeTrue();

    [Theory]
    [InlineData("Đường mới làm đẹp quá, đi lại sướng hẳn")]
    [InlineData("Không đẹp như quảng cáo, thất vọng")]
    [InlineData("Mất điện từ sáng đến giờ, không báo trước gì cả")]
    [InlineData("Cảm ơn đài nhiều")]
    [InlineData("Không chê vào đâu được, bác sĩ quá tận tâm")]
    public void IsQuestion_Statements_False(string text) => CommentCues.IsQuestion(Tokens(text)).ShouldBeFalse();

    [Fact]
    public void Negated_ScopeEndsAtPunctuationAndAfterThreeWords()
    {
        var buffer = Tokens("không chê vào đâu được, rất hay chẳng ai bằng");
        var into = new int[buffer.Tokens.Length];

        var count = CommentCues.Negated(buffer, into);

        var words = into[..count].Select(t => buffer.TextOf(buffer.Tokens[t]).ToString()).ToArray();
        words.ShouldBe(["chê", "vào", "đâu", "ai", "bằng"]);
    }

    [Fact]
    public void Occurrences_SameIdsAsExtractCounts_EveryView()
    {
        var settings = new FeatureSettings(HashBits: 18, PlainWordNgramMax: 2, Cues: true);
        var extractor = new FeatureExtractor(settings, VietnameseNormalizer.Default);
        var scratch = new FeatureScratch(settings);
        const string text = "ko đẹp như quảng cáo, bh mới sửa xong vậy ad? 👍 www.example.vn";

        extractor.ExtractCounts(text, scratch);
        var counted = new List<HashSet<int>>();
        var start = 0;
        foreach (var end in scratch.ViewEnds)
        {
            counted.Add([.. scratch.Ids.AsSpan(start, end - start).ToArray()]);
            start = end;
        }

        var occurrences = new List<FeatureOccurrence>();
        extractor.Occurrences(text, scratch, occurrences);

        for (var view = 0; view < 3; view++)
        {
            occurrences.Where(o => o.View == view).Select(o => o.Id).ToHashSet().SetEquals(counted[view]).ShouldBeTrue($"view {view}");
        }

        occurrences.ShouldContain(o => o.FirstToken == -1);
    }
}
