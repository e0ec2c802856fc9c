using System.Globalization;
using System.Text.Unicode;
using Monitor.Collection.Web;

namespace Monitor.Worker.Commands.Extract;

/// <summary>A saved file that <c>extract</c> will not read, with the reason shown to the user.</summary>
internal sealed class SavedPageRefusedException(string message) : Exception(message);

/// <summary>
/// Reads one saved page for <c>extract</c>, refusing what is not a page: a file past the size limit
/// (read whole it cost 13 bytes of memory per byte, so four 200 MB files took 5.5 GB) or a binary file
/// (a PDF or an image "extracted" into kilobytes of mojibake).
/// </summary>
internal static class SavedPage
{
    /// <summary>The crawler's own response cap (http.maxResponseBytes), so extract reads what a crawl would.</summary>
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    private const int SniffBytes = 8 * 1024;

    private static readonly (byte[] Magic, string Kind)[] BinarySignatures =
    [
        ("%PDF"u8.ToArray(), "a PDF file"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("RIFF"u8.ToArray(), "a RIFF file (WebP, WAV, AVI)"),
        ([(byte)'P', (byte)'K', 0x03, 0x04], "a ZIP archive (or an Office document)"),
        ([0x1F, 0x8B], "a gzip file"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "a program (ELF)"),
        ([(byte)'M', (byte)'Z'], "a Windows program"),
    ];

    /// <summary>The page as NFC text, or <see cref="SavedPageRefusedException"/> saying why it is not read.</summary>
    public static string Read(string file, long maxBytes)
    {
        byte[] bytes;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            if (stream.Length > maxBytes)
            {
                throw new SavedPageRefusedException(string.Create(CultureInfo.InvariantCulture,
                    $"{stream.Length / 1024.0 / 1024.0:F1} MB is more than the {maxBytes / 1024.0 / 1024.0:F1} MB limit (raise it with --max-bytes)"));
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        if (BinaryKind(bytes) is { } kind)
        {
            throw new SavedPageRefusedException($"{kind}, not an HTML page");
        }

        // Tools that save pages usually re-encode them as UTF-8 and leave the old <meta charset> in place,
        // so bytes that are valid UTF-8 are read as UTF-8; anything else as the crawler reads a response
        // without a header (BOM, then <meta charset>, then UTF-8).
        return CharsetDecoder.Decode(bytes, headerCharset: Utf8.IsValid(bytes) ? "utf-8" : null).Text;
    }

    /// <summary>What the file is when its first bytes say it is not text; null for text (UTF-16 included).</summary>
    internal static string? BinaryKind(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, SniffBytes)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return null;
        }

        foreach (var (magic, kind) in BinarySignatures)
        {
            if (head.StartsWith(magic))
            {
                return kind;
            }
        }

        var controls = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return "a binary file (it holds NUL bytes)";
            }

            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C and not 0x1B)
            {
                controls++;
            }
        }

        // Real pages carry a stray control character now and then; one in ten is no text.
        return head.Length > 0 && controls * 10 > head.Length ? "a binary file (one byte in ten is a control character)" : null;
    }
}
