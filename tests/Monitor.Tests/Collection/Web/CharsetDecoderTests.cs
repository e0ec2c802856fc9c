using System.Text;
using Monitor.Collection.Web;

namespace Monitor.Tests.Collection.Web;

public sealed class CharsetDecoderTests
{
    private const string Sentence = "Người dân Thái Nguyên đón Tết Độc lập";

    [Fact]
    public void Decode_HeaderCharset_WinsOverMetaAndDefault()
    {
        var bytes = Encoding.UTF8.GetBytes($"<meta charset=\"windows-1258\"><p>{Sentence}</p>");

        var decoded = CharsetDecoder.Decode(bytes, "utf-8");

        decoded.Source.ShouldBe(CharsetSource.HttpHeader);
        decoded.Text.ShouldContain(Sentence);
    }

    [Fact]
    public void Decode_ByteOrderMark_WinsOverAWrongMeta()
    {
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes($"<meta charset=\"windows-1252\"><p>{Sentence}</p>")];

        var decoded = CharsetDecoder.Decode(bytes, null);

        decoded.Source.ShouldBe(CharsetSource.ByteOrderMark);
        decoded.Text.ShouldStartWith("<meta");
        decoded.Text.ShouldContain(Sentence);
    }

    [Fact]
    public void Decode_Windows1258WithCombiningToneMarks_GivesNfcText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // "ế" as Windows-1258 writes it: ê (0xEA) followed by the combining acute (0xEC).
        byte[] tet = [0x54, 0xEA, 0xEC, 0x74];
        byte[] bytes = [.. Encoding.ASCII.GetBytes("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"><p>"), .. tet, .. Encoding.ASCII.GetBytes("</p>")];

        var decoded = CharsetDecoder.Decode(bytes, null);

        decoded.Source.ShouldBe(CharsetSource.MetaTag);
        decoded.Encoding.CodePage.ShouldBe(1258);
        decoded.Text.ShouldContain("Tết");
        decoded.Text.ShouldBe(decoded.Text.Normalize(NormalizationForm.FormC));
        decoded.Text.ShouldNotContain("\u0301");
    }

    [Fact]
    public void Decode_Iso88591Header_ReadsLatinLetters()
    {
        var bytes = Encoding.Latin1.GetBytes("<p>Thông báo giá cà phê và chè</p>");

        CharsetDecoder.Decode(bytes, "ISO-8859-1").Text.ShouldContain("Thông báo giá cà phê và chè");
    }

    [Fact]
    public void Decode_NoDeclaration_DefaultsToUtf8()
    {
        var decoded = CharsetDecoder.Decode(Encoding.UTF8.GetBytes($"<p>{Sentence}</p>"), null);

        decoded.Source.ShouldBe(CharsetSource.Default);
        decoded.Text.ShouldContain(Sentence);
    }

    [Fact]
    public void Decode_DecomposedUtf8_IsNormalisedToNfc()
    {
        var decomposed = Sentence.Normalize(NormalizationForm.FormD);

        CharsetDecoder.Decode(Encoding.UTF8.GetBytes(decomposed), "utf-8").Text.ShouldBe(Sentence);
    }

    [Fact]
    public void Decode_UnknownHeaderLabel_FallsThroughToTheMetaTag()
    {
        var bytes = Encoding.UTF8.GetBytes($"<meta charset='utf-8'><p>{Sentence}</p>");

        var decoded = CharsetDecoder.Decode(bytes, "x-no-such-charset");

        decoded.Source.ShouldBe(CharsetSource.MetaTag);
        decoded.Text.ShouldContain(Sentence);
    }
}
