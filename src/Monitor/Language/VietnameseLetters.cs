using System.Buffers;
using System.Text;

namespace Monitor.Language;

/// <summary>
/// Lookup tables that split a precomposed Vietnamese letter into its base letter (keeping the
/// vowel's hat, horn or breve, and đ) and its tone, and put them back together. Built once from
/// the Unicode decompositions, so no hand-typed table can drift from the standard.
/// </summary>
internal static class VietnameseLetters
{
    /// <summary>Tones in the order of their combining marks: none, huyền, sắc, hỏi, ngã, nặng.</summary>
    private static readonly char[] ToneMarks = ['\0', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

    private const int TableSize = 0x1F00;
    private static readonly char[] BaseOf = new char[TableSize];
    private static readonly char[] PlainOf = new char[TableSize];
    private static readonly byte[] ToneOf = new byte[TableSize];
    private static readonly Dictionary<int, char> Composed = [];

    public const string Vowels = "aăâeêioôơuưy";

    private static readonly SearchValues<char> VowelSet = SearchValues.Create(Vowels);

    static VietnameseLetters()
    {
        for (var c = 0; c < TableSize; c++)
        {
            var ch = (char)c;
            if (!char.IsLetter(ch))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(ch);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            byte tone = 0;
            var withoutTone = new StringBuilder(decomposed.Length);
            var plain = '\0';
            foreach (var part in decomposed)
            {
                var toneIndex = Array.IndexOf(ToneMarks, part, 1);
                if (toneIndex > 0)
                {
                    tone = (byte)toneIndex;
                    continue;
                }

                withoutTone.Append(part);
                if (plain == '\0' && !IsCombiningMark(part))
                {
                    plain = part;
                }
            }

            var baseText = withoutTone.ToString().Normalize(NormalizationForm.FormC);
            if (baseText.Length != 1)
            {
                continue;
            }

            BaseOf[c] = baseText[0];
            ToneOf[c] = tone;
            PlainOf[c] = lower == 'đ' ? 'd' : plain;
        }

        foreach (var vowel in Vowels)
        {
            for (var tone = 0; tone < ToneMarks.Length; tone++)
            {
                var text = tone == 0 ? vowel.ToString() : string.Concat(vowel.ToString(), ToneMarks[tone].ToString());
                Composed[Key(vowel, tone)] = text.Normalize(NormalizationForm.FormC)[0];
            }
        }
    }

    /// <summary>True for any letter the tables know (Latin, Vietnamese and other scripts below U+1F00, except marks).</summary>
    public static bool IsLetter(char c) => c < TableSize ? BaseOf[c] != '\0' : char.IsLetter(c);

    /// <summary>Lower-case letter without its tone; keeps â, ă, ê, ô, ơ, ư and đ.</summary>
    public static char BaseLetter(char c) => c < TableSize && BaseOf[c] != '\0' ? BaseOf[c] : char.ToLowerInvariant(c);

    public static int Tone(char c) => c < TableSize ? ToneOf[c] : 0;

    /// <summary>Lower-case letter without any diacritic (đ becomes d): the accent-free view.</summary>
    public static char PlainLetter(char c) => c < TableSize && PlainOf[c] != '\0' ? PlainOf[c] : char.ToLowerInvariant(c);

    public static bool IsVowel(char baseLetter) => VowelSet.Contains(baseLetter);

    public static bool HasVowelMark(char baseLetter) => baseLetter is 'ă' or 'â' or 'ê' or 'ô' or 'ơ' or 'ư';

    /// <summary>The base vowel carrying <paramref name="tone"/>; a non-vowel comes back unchanged.</summary>
    public static char WithTone(char baseLetter, int tone) =>
        tone != 0 && Composed.TryGetValue(Key(baseLetter, tone), out var composed) ? composed : baseLetter;

    public static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    private static int Key(char vowel, int tone) => (vowel << 3) | tone;
}
