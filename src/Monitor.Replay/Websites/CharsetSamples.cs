using System.Text;
using Monitor.Replay.Websites.Content;

namespace Monitor.Replay.Websites;

/// <summary>
/// Pages under <c>/_test/charset/&lt;kind&gt;</c>, each carrying a known sentence in a known encoding
/// and declaration, so tests can check that the text read back is exactly <see cref="Vietnamese"/>
/// (or <see cref="Latin1"/>), in NFC.
/// </summary>
internal static class CharsetSamples
{
    public const string Vietnamese = "Người dân Thái Nguyên đón Tết Độc lập; trường học ở Điện Biên khai giảng sớm.";

    /// <summary>Vietnamese words whose letters all exist in ISO-8859-1.</summary>
    public const string Latin1 = "Thông báo giá cà phê và chè.";

    public static IReadOnlyList<string> Kinds { get; } =
    [
        "utf8-header", "utf8-bom", "utf8-meta", "windows-1258-header", "windows-1258-meta", "iso-8859-1-header", "header-wins", "no-declaration",
    ];

    /// <summary>The body bytes and the Content-Type header for one kind.</summary>
    public static (byte[] Body, string ContentType)? For(string kind) => kind switch
    {
        "utf8-header" => (Encoding.UTF8.GetBytes(Page(Vietnamese, null)), "text/html; charset=utf-8"),
        // The BOM must win over a wrong meta declaration.
        "utf8-bom" => ([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Page(Vietnamese, "<meta charset=\"windows-1252\">"))], "text/html"),
        "utf8-meta" => (Encoding.UTF8.GetBytes(Page(Vietnamese, "<meta charset=\"utf-8\">")), "text/html"),
        "windows-1258-header" => (Windows1258Text.Encode(Page(Vietnamese, null)), "text/html; charset=windows-1258"),
        "windows-1258-meta" => (Windows1258Text.Encode(Page(Vietnamese, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">")), "text/html"),
        "iso-8859-1-header" => (Encoding.Latin1.GetBytes(Page(Latin1, null)), "text/html; charset=ISO-8859-1"),
        // The HTTP header outranks the page's own declaration.
        "header-wins" => (Encoding.UTF8.GetBytes(Page(Vietnamese, "<meta charset=\"windows-1258\">")), "text/html; charset=utf-8"),
        "no-declaration" => (Encoding.UTF8.GetBytes(Page(Vietnamese, null)), "text/html"),
        _ => null,
    };

    private static string Page(string sentence, string? meta) =>
        $"<html><head>{meta}<title>{sentence}</title></head><body><p class=\"sample\">{sentence}</p></body></html>";
}
