using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Collection.Web;

/// <summary>Where the encoding of a page was learnt.</summary>
public enum CharsetSource
{
    HttpHeader,
    ByteOrderMark,
    MetaTag,
    Default,
}

/// <summary>A page's text and how its bytes were read.</summary>
public sealed record DecodedText(string Text, Encoding Encoding, CharsetSource Source);

/// <summary>
/// Turns page bytes into NFC text. The encoding comes from the HTTP header, then a byte order mark,
/// then <c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv=Content-Type&gt;</c> in the first bytes,
/// then UTF-8. Windows-1258 pages carry tone marks as combining characters, so the result is always
/// normalised to NFC: "ế" must be one character whatever the page sent.
/// </summary>
public static partial class CharsetDecoder
{
    /// <summary>How far into the page a meta declaration is looked for (the HTML spec says 1024 bytes; real pages are sloppier).</summary>
    private const int MetaScanBytes = 4096;

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodedText Decode(ReadOnlySpan<byte> bytes, string? headerCharset)
    {
        var (encoding, source, skip) = Detect(bytes, headerCharset);
        var text = encoding.GetString(bytes[skip..]);
        return new DecodedText(text.Normalize(NormalizationForm.FormC), encoding, source);
    }

    public static (Encoding Encoding, CharsetSource Source, int PreambleLength) Detect(ReadOnlySpan<byte> bytes, string? headerCharset)
    {
        var bom = FromByteOrderMark(bytes);
        if (TryGetEncoding(headerCharset, out var fromHeader))
        {
            // A BOM that agrees with the header is still not text.
            var skip = bom is { } b && b.Encoding.CodePage == fromHeader.CodePage ? b.Length : 0;
            return (fromHeader, CharsetSource.HttpHeader, skip);
        }

        if (bom is { } mark)
        {
            return (mark.Encoding, CharsetSource.ByteOrderMark, mark.Length);
        }

        if (TryGetEncoding(FromMeta(bytes[..Math.Min(bytes.Length, MetaScanBytes)]), out var fromMeta))
        {
            return (fromMeta, CharsetSource.MetaTag, 0);
        }

        return (Encoding.UTF8, CharsetSource.Default, 0);
    }

    /// <summary>Resolves a charset label as browsers do (WHATWG aliases: iso-8859-1 and latin1 mean windows-1252).</summary>
    public static bool TryGetEncoding(string? label, out Encoding encoding)
    {
        encoding = Encoding.UTF8;
        var name = label?.Trim().Trim('"', '\'').ToLowerInvariant();
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        name = name switch
        {
            "utf8" or "unicode-1-1-utf-8" => "utf-8",
            "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252" => "windows-1252",
            "cp1258" or "x-cp1258" => "windows-1258",
            // A page that says UTF-16 in a meta tag was decoded as ASCII to be read at all, so it is not UTF-16.
            "utf-16" or "utf-16le" or "utf-16be" => "utf-8",
            _ => name,
        };

        try
        {
            encoding = Encoding.GetEncoding(name);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            // Unknown labels, and UTF-7, which .NET refuses (and WHATWG drops for its script-injection risk):
            // the page is read by the next clue instead.
            encoding = Encoding.UTF8;
            return false;
        }
    }

    private static (Encoding Encoding, int Length)? FromByteOrderMark(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false), 3);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode, 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode, 2);
        }

        return null;
    }

    private static string? FromMeta(ReadOnlySpan<byte> head)
    {
        // Declarations are ASCII whatever the page's encoding, so Latin-1 reads them byte for byte.
        var text = Encoding.Latin1.GetString(head);
        foreach (Match meta in MetaTag().Matches(text))
        {
            var tag = meta.Value;
            var charset = MetaCharset().Match(tag);
            if (charset.Success)
            {
                return charset.Groups["label"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"charset\s*=\s*[""']?(?<label>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
