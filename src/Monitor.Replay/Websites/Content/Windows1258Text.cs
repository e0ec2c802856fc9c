using System.Globalization;
using System.Text;

namespace Monitor.Replay.Websites.Content;

/// <summary>
/// Encodes Vietnamese text the way Windows-1258 pages carry it: the vowel shapes (â, ê, ô, ơ, ư, ă)
/// precomposed, the five tone marks as separate combining characters after the letter. Encoding
/// "ế" straight through the code page would lose the tone; this keeps every letter.
/// </summary>
internal static class Windows1258Text
{
    private static readonly Encoding Strict = CreateStrict();

    public static Encoding Encoding => Strict;

    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Strict.GetBytes(SplitToneMarks(text));
    }

    /// <summary>NFC letters with their tone marks moved out into combining characters.</summary>
    public static string SplitToneMarks(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        var letter = new StringBuilder();
        var tones = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                (IsToneMark(c) ? tones : letter).Append(c);
                continue;
            }

            Flush(result, letter, tones);
            letter.Append(c);
        }

        Flush(result, letter, tones);
        return result.ToString();
    }

    private static void Flush(StringBuilder result, StringBuilder letter, StringBuilder tones)
    {
        result.Append(letter.ToString().Normalize(NormalizationForm.FormC)).Append(tones);
        letter.Clear();
        tones.Clear();
    }

    private static bool IsToneMark(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';

    private static Encoding CreateStrict()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
