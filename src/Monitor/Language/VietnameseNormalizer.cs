using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;

namespace Monitor.Language;

/// <summary>
/// Puts Vietnamese text into one canonical form so that spelling variants count as the same word:
/// NFC, lower case, one tone-mark placement (the "new style": <c>hòa</c> and <c>hoà</c> both become
/// <c>hoà</c>, <c>thúy</c> becomes <c>thuý</c>), letters repeated for emphasis collapsed (<c>quáaaa</c> →
/// <c>quá</c>), teencode expanded (<c>ko</c> → <c>không</c>), URLs and numbers as the tokens
/// <c>&lt;url&gt;</c> and <c>&lt;num&gt;</c>, each emoji its own token, and beside it an
/// accent-free view for text typed without diacritics. Thread-safe; the per-call state lives in
/// the caller's <see cref="TokenBuffer"/>.
/// </summary>
public sealed class VietnameseNormalizer
{
    public const string UrlToken = "<url>";
    public const string NumberToken = "<num>";

    /// <summary>Longest symbol run kept (an emoticon such as <c>:))</c>); longer runs are cut.</summary>
    private const int MaxSymbolRun = 4;

    private readonly Teencode teencode;

    private VietnameseNormalizer(Teencode? teencode)
    {
        this.teencode = teencode ?? Teencode.Empty;
    }

    /// <summary>Without teencode expansion: used to normalise the teencode table and watch-list terms themselves.</summary>
    public static VietnameseNormalizer WithoutTeencode { get; } = new(null);

    /// <summary>The normaliser with the project's teencode table (declared after <see cref="WithoutTeencode"/>, which builds it).</summary>
    public static VietnameseNormalizer Default { get; } = CreateDefault();

    internal static VietnameseNormalizer WithTeencode(Teencode table) => new(table);

    private static VietnameseNormalizer CreateDefault() => new(Teencode.LoadDefault(WithoutTeencode));

    /// <summary>Convenience form for search, rules and tests; allocates the result strings.</summary>
    public NormalizedText Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new TokenBuffer();
        Tokenize(text, buffer);
        var tokens = new List<string>(buffer.Tokens.Length);
        var normalized = new StringBuilder(buffer.Text.Length + buffer.Tokens.Length);
        var plain = new StringBuilder(buffer.Text.Length + buffer.Tokens.Length);
        foreach (var token in buffer.Tokens)
        {
            if (normalized.Length > 0)
            {
                normalized.Append(' ');
                plain.Append(' ');
            }

            normalized.Append(buffer.TextOf(token));
            plain.Append(buffer.PlainOf(token));
            tokens.Add(buffer.TextOf(token).ToString());
        }

        return new NormalizedText(normalized.ToString(), plain.ToString(), tokens);
    }

    /// <summary>Normalises <paramref name="text"/> into <paramref name="buffer"/> (cleared first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Tokenize(ReadOnlySpan<char> text, TokenBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.Clear();
        if (ContainsCombiningMarks(text))
        {
            // Decomposed input (NFD, or marks typed separately) is rare; composing it first keeps the main loop simple.
            text = text.ToString().Normalize(NormalizationForm.FormC);
        }

        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\uFE0F')
            {
                i++;
            }
            else if (StartsUrl(text[i..]))
            {
                i = SkipUrl(text, i);
                buffer.AppendToken(UrlToken, UrlToken, TokenKind.Url);
            }
            else if (VietnameseLetters.IsLetter(c))
            {
                var end = i + 1;
                while (end < text.Length && VietnameseLetters.IsLetter(text[end]))
                {
                    end++;
                }

                AppendWord(text[i..end], buffer);
                i = end;
            }
            else if (char.IsAsciiDigit(c))
            {
                i = SkipNumber(text, i);
                buffer.AppendToken(NumberToken, NumberToken, TokenKind.Number);
            }
            else if (IsEmojiStart(text, i, out var width))
            {
                i = AppendEmoji(text, i, width, buffer);
            }
            else
            {
                i = AppendSymbols(text, i, buffer);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendWord(ReadOnlySpan<char> word, TokenBuffer buffer)
    {
        var letters = buffer.Scratch(word.Length);
        var count = 0;
        var tone = 0;
        var run = 0;
        foreach (var c in word)
        {
            var letter = VietnameseLetters.BaseLetter(c);
            if (tone == 0)
            {
                tone = VietnameseLetters.Tone(c);
            }

            // Three or more of the same letter is emphasis ("quáaaa", "đẹppp"); Vietnamese spelling never needs it.
            run = count > 0 && letters[count - 1] == letter ? run + 1 : 1;
            if (run == 3)
            {
                count--;
            }

            if (run < 3)
            {
                letters[count++] = letter;
            }
        }

        var syllable = letters[..count];
        var tonePosition = tone == 0 ? -1 : TonePosition(syllable);
        buffer.AppendWord(syllable, tonePosition, tonePosition < 0 ? '\0' : VietnameseLetters.WithTone(syllable[tonePosition], tone));
        var tokens = buffer.Tokens;
        if (tokens.Length > 0 && teencode.TryExpand(buffer.TextOf(tokens[^1]), out var expansion))
        {
            buffer.RemoveLastToken();
            for (var w = 0; w < expansion.Words.Length; w++)
            {
                buffer.AppendToken(expansion.Words[w], expansion.PlainWords[w], TokenKind.Word);
            }
        }
    }

    /// <summary>
    /// Where the tone mark goes in a syllable, by the "new style" rule: on the vowel with a hat or
    /// horn if any (the last one: <c>ươ</c> → <c>ơ</c>); on the last vowel of a closed syllable;
    /// on the second vowel of open <c>oa</c>, <c>oe</c>, <c>uy</c>; otherwise on the first of two
    /// vowels or the middle of three. <c>qu</c> and <c>gi</c> before a vowel count as consonants.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int TonePosition(ReadOnlySpan<char> syllable)
    {
        var n = syllable.Length;
        var start = 0;
        while (start < n && !VietnameseLetters.IsVowel(syllable[start]))
        {
            start++;
        }

        if (start == n)
        {
            return -1;
        }

        var glide = start > 0 && start + 1 < n && VietnameseLetters.IsVowel(syllable[start + 1])
            && ((syllable[start - 1] == 'q' && syllable[start] == 'u') || (syllable[start - 1] == 'g' && syllable[start] == 'i'));
        if (glide)
        {
            start++;
        }

        var end = start;
        while (end + 1 < n && VietnameseLetters.IsVowel(syllable[end + 1]))
        {
            end++;
        }

        for (var j = end; j >= start; j--)
        {
            if (VietnameseLetters.HasVowelMark(syllable[j]))
            {
                return j;
            }
        }

        var clusterLength = end - start + 1;
        if (clusterLength == 1 || end < n - 1)
        {
            return end;
        }

        if (clusterLength == 2)
        {
            var pair = syllable.Slice(start, 2);
            return pair is "oa" or "oe" or "uy" ? end : start;
        }

        return start + 1;
    }

    private static bool ContainsCombiningMarks(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\u0300', '\u036F') >= 0;

    private static bool StartsUrl(ReadOnlySpan<char> text) =>
        text[0] is 'h' or 'H' or 'w' or 'W' // most tokens fail here, before three case-insensitive comparisons
        && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase));

    private static int SkipUrl(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Digits with inner separators ("10.000", "12/3", "7,5") are one number.</summary>
    private static int SkipNumber(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            else if (text[i] is '.' or ',' or '/' or ':' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsEmojiStart(ReadOnlySpan<char> text, int i, out int width)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            var codePoint = char.ConvertToUtf32(c, text[i + 1]);
            return codePoint is >= 0x1F000 and < 0x1FB00;
        }

        width = 1;
        return c is >= '\u2600' and <= '\u27BF' or >= '\u2B00' and <= '\u2BFF';
    }

    private static int AppendEmoji(ReadOnlySpan<char> text, int i, int width, TokenBuffer buffer)
    {
        var emoji = text.Slice(i, width);
        var end = i + width;
        while (true)
        {
            // Skin tones, variation selectors and a repeat of the same emoji ("😂😂😂") add nothing.
            if (end < text.Length && text[end] is '\uFE0F' or '\u200D')
            {
                end++;
            }
            else if (end + 1 < text.Length && text[end] == '\uD83C' && text[end + 1] is >= '\uDFFB' and <= '\uDFFF')
            {
                end += 2;
            }
            else if (text[end..].StartsWith(emoji, StringComparison.Ordinal))
            {
                end += width;
            }
            else
            {
                break;
            }
        }

        buffer.BeginToken();
        foreach (var c in emoji)
        {
            buffer.Append(c, c);
        }

        buffer.EndToken(TokenKind.Emoji);
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AppendSymbols(ReadOnlySpan<char> text, int i, TokenBuffer buffer)
    {
        buffer.BeginToken();
        var kept = 0;
        var previous = '\0';
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || VietnameseLetters.IsLetter(c) || char.IsAsciiDigit(c) || IsEmojiStart(text, i, out _)
                || char.IsControl(c) || char.IsSurrogate(c))
            {
                break;
            }

            // ":)))" and "!!!!" carry the same signal as ":)" and "!".
            if (c != previous && kept < MaxSymbolRun)
            {
                buffer.Append(c, c);
                kept++;
            }

            previous = c;
            i++;
        }

        buffer.EndToken(TokenKind.Symbol);
        if (i < text.Length && char.IsSurrogate(text[i]) && !IsEmojiStart(text, i, out _))
        {
            // A lone surrogate (from broken UTF-16 or a non-emoji astral character) is skipped, never fatal.
            i++;
        }

        return i;
    }

    /// <summary>Formats a culture-invariant description for logs.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"VietnameseNormalizer(teencode: {teencode.Count} entries)");
}
