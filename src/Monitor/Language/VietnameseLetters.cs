using System.Runtime.CompilerServices;
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

    public const string Vowels = "aăâeêioôơuưy";

    // Static fields with initialisers only (no static constructor), so the class is beforefieldinit:
    // the JIT can initialise it while compiling a caller, then inline these lookups as plain array
    // reads. With an explicit static constructor and tiered compilation off, every call kept a class-
    // initialisation check and none of them was inlined.
    private static readonly LetterTables Tables = LetterTables.Build();
    private static readonly char[] BaseOf = Tables.BaseOf;
    private static readonly char[] PlainOf = Tables.PlainOf;
    private static readonly byte[] ToneOf = Tables.ToneOf;

    /// <summary>Indexed by <c>(vowel &lt;&lt; 3) | tone</c>: the precomposed vowel with that tone; 0 where there is none.</summary>
    private static readonly char[] Composed = Tables.Composed;

    /// <summary>True at the base vowels of <see cref="Vowels"/>.</summary>
    private static readonly bool[] VowelOf = Tables.VowelOf;

    /// <summary>True for any letter the tables know (Latin, Vietnamese and other scripts below U+1F00, except marks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetter(char c) => c < TableSize ? BaseOf[c] != '\0' : char.IsLetter(c);

    /// <summary>Lower-case letter without its tone; keeps â, ă, ê, ô, ơ, ư and đ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char BaseLetter(char c) => c < TableSize && BaseOf[c] != '\0' ? BaseOf[c] : char.ToLowerInvariant(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Tone(char c) => c < TableSize ? ToneOf[c] : 0;

    /// <summary>Lower-case letter without any diacritic (đ becomes d): the accent-free view.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char PlainLetter(char c) => c < TableSize && PlainOf[c] != '\0' ? PlainOf[c] : char.ToLowerInvariant(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsVowel(char baseLetter) => baseLetter < VowelOf.Length && VowelOf[baseLetter];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasVowelMark(char baseLetter) => baseLetter is 'ă' or 'â' or 'ê' or 'ô' or 'ơ' or 'ư';

    /// <summary>The base vowel carrying <paramref name="tone"/>; a non-vowel comes back unchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char WithTone(char baseLetter, int tone)
    {
        var key = Key(baseLetter, tone);
        return tone != 0 && key < Composed.Length && Composed[key] != '\0' ? Composed[key] : baseLetter;
    }

    public static bool IsCombiningMark(char c) => c is >= '\u0300' and <= '\u036F';

    private static int Key(char vowel, int tone) => (vowel << 3) | tone;

    /// <summary>The tables, built once from the Unicode decompositions.</summary>
    private sealed record LetterTables(char[] BaseOf, char[] PlainOf, byte[] ToneOf, char[] Composed, bool[] VowelOf)
    {
        public static LetterTables Build()
        {
            var baseOf = new char[TableSize];
            var plainOf = new char[TableSize];
            var toneOf = new byte[TableSize];
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

                baseOf[c] = baseText[0];
                toneOf[c] = tone;
                plainOf[c] = lower == 'đ' ? 'd' : plain;
            }

            var composed = new char[Key(Vowels.Max(), ToneMarks.Length - 1) + 1];
            var vowelOf = new bool[Vowels.Max() + 1];
            foreach (var vowel in Vowels)
            {
                vowelOf[vowel] = true;
                for (var tone = 0; tone < ToneMarks.Length; tone++)
                {
                    var text = tone == 0 ? vowel.ToString() : string.Concat(vowel.ToString(), ToneMarks[tone].ToString());
                    composed[Key(vowel, tone)] = text.Normalize(NormalizationForm.FormC)[0];
                }
            }

            return new LetterTables(baseOf, plainOf, toneOf, composed, vowelOf);
        }
    }
}
