using System.Text;
using Monitor.Language;

namespace Monitor.Tests.Language;

public sealed class VietnameseNormalizerTests
{
    private static readonly VietnameseNormalizer Normalizer = VietnameseNormalizer.Default;

    [Theory]
    [InlineData("hoà", "hoà")]
    [InlineData("hòa", "hoà")]
    [InlineData("thúy", "thuý")]
    [InlineData("khỏe", "khoẻ")]
    [InlineData("HÒA BÌNH", "hoà bình")]
    [InlineData("Quý", "quý")]
    [InlineData("người", "người")]
    [InlineData("giữ", "giữ")]
    [InlineData("thuyền", "thuyền")]
    [InlineData("mùa", "mùa")]
    [InlineData("hoàng", "hoàng")]
    public void Normalize_ToneMarkVariants_OneCanonicalSpelling(string input, string expected)
    {
        Normalizer.Normalize(input).Text.ShouldBe(expected);
    }

    [Fact]
    public void Normalize_DecomposedInput_SameAsComposed()
    {
        var decomposed = "Thuý Hoà đẹp".Normalize(NormalizationForm.FormD);

        Normalizer.Normalize(decomposed).Text.ShouldBe("thuý hoà đẹp");
    }

    [Theory]
    [InlineData("quáaaa", "quá")]
    [InlineData("đẹppppp", "đẹp")]
    [InlineData("xoong", "xoong")]
    public void Normalize_RepeatedLetters_CollapsedButRealDoublesKept(string input, string expected)
    {
        Normalizer.Normalize(input).Text.ShouldBe(expected);
    }

    [Theory]
    [InlineData("ko thích", "không thích")]
    [InlineData("hok dc", "không được")]
    [InlineData("đc lắm", "được lắm")]
    [InlineData("mn ơi", "mọi người ơi")]
    public void Normalize_Teencode_ExpandedFromDataTable(string input, string expected)
    {
        Normalizer.Normalize(input).Text.ShouldBe(expected);
    }

    [Fact]
    public void Normalize_UrlsNumbersEmoji_BecomeTheirOwnTokens()
    {
        var result = Normalizer.Normalize("Xem https://example.vn/a?b=1 giá 10.000đ 😂😂😂 hay:)))");

        result.Tokens.ShouldBe(["xem", "<url>", "giá", "<num>", "đ", "😂", "hay", ":)"]);
    }

    [Fact]
    public void Normalize_AccentFreeView_StripsEveryDiacritic()
    {
        var result = Normalizer.Normalize("Đường Hồ Chí Minh");

        result.AccentFree.ShouldBe("duong ho chi minh");
        result.Text.ShouldBe("đường hồ chí minh");
    }

    [Fact]
    public void Normalize_TextTypedWithoutAccents_SameAccentFreeViewAsAccented()
    {
        Normalizer.Normalize("bieu tinh").AccentFree.ShouldBe(Normalizer.Normalize("Biểu Tình!").AccentFree.Replace(" !", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t  ")]
    [InlineData("\uD800 lone surrogate \uDC00")]
    [InlineData("\u0301\u0301 marks only")]
    [InlineData("\uFFFD\uFFFD replacement")]
    public void Normalize_OddInput_NoCrash(string input)
    {
        Should.NotThrow(() => Normalizer.Normalize(input));
    }

    [Fact]
    public void Tokenize_MegabyteLine_Completes()
    {
        var line = string.Concat(Enumerable.Repeat("rất hay quáaaa ", 70_000));
        var buffer = new TokenBuffer();

        Normalizer.Tokenize(line, buffer);

        buffer.Tokens.Length.ShouldBe(210_000);
    }

    [Fact]
    public void TonePosition_OpenAndClosedSyllables_FollowTheNewStyleRule()
    {
        VietnameseNormalizer.TonePosition("hoa").ShouldBe(2);
        VietnameseNormalizer.TonePosition("mua").ShouldBe(1);
        VietnameseNormalizer.TonePosition("hoang").ShouldBe(2);
        VietnameseNormalizer.TonePosition("qua").ShouldBe(2);
        VietnameseNormalizer.TonePosition("ngươi").ShouldBe(3);
        VietnameseNormalizer.TonePosition("str").ShouldBe(-1);
    }
}
