using System.Globalization;
using System.Text;

namespace Monitor.Triage;

/// <summary>
/// Marks the query's words in the original text. Matching is on the folded form (lower case, no
/// diacritics, đ→d), word by whole word, as the stores' full-text indexes match; the segments keep
/// the original spelling, so "thai nguyen" marks "Thái Nguyên" as written. Both stores build their
/// snippets here, from the stored text, so they answer alike.
/// </summary>
public static class Snippets
{
    /// <summary>The query's words, folded, in order, without repeats (empty: nothing to search for).</summary>
    public static IReadOnlyList<string> Words(string? query)
    {
        var words = new List<string>();
        foreach (var (start, length) in WordSpans(query ?? string.Empty))
        {
            var word = Fold(query!.AsSpan(start, length));
            if (!words.Contains(word, StringComparer.Ordinal))
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>Lower case without diacritics, đ→d, one character per character of <paramref name="text"/> (precomposed Vietnamese letters fold to one letter).</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(FoldChar(c));
        }

        return builder.ToString();
    }

    /// <summary>The whole text, its matched words marked (a title).</summary>
    public static IReadOnlyList<SnippetSegment> Mark(string? text, IReadOnlyList<string> words) =>
        string.IsNullOrEmpty(text) ? [] : Segments(text, 0, text.Length, words);

    /// <summary>
    /// About <paramref name="width"/> characters around the first matched word (from the start when
    /// none matched), cut at word boundaries, with "…" where text was left out.
    /// </summary>
    public static IReadOnlyList<SnippetSegment> Excerpt(string? text, IReadOnlyList<string> words, int width = 240)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var first = WordSpans(text).Where(s => IsMatch(text, s.Start, s.Length, words)).Select(s => s.Start).DefaultIfEmpty(-1).First();
        var start = first < 0 ? 0 : Math.Max(0, first - (width / 3));
        var end = Math.Min(text.Length, start + width);
        if (end == text.Length)
        {
            start = Math.Max(0, end - width);
        }

        // Never cut a word in two: move the edges out to the nearest spaces.
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        var segments = new List<SnippetSegment>();
        if (start > 0)
        {
            segments.Add(new SnippetSegment("…", false));
        }

        segments.AddRange(Segments(text, start, end, words));
        if (end < text.Length)
        {
            segments.Add(new SnippetSegment("…", false));
        }

        return Merge(segments);
    }

    private static List<SnippetSegment> Segments(string text, int start, int end, IReadOnlyList<string> words)
    {
        var segments = new List<SnippetSegment>();
        var position = start;
        foreach (var (wordStart, length) in WordSpans(text.AsSpan(start, end - start).ToString()))
        {
            var at = start + wordStart;
            if (!IsMatch(text, at, length, words))
            {
                continue;
            }

            if (at > position)
            {
                segments.Add(new SnippetSegment(text[position..at], false));
            }

            segments.Add(new SnippetSegment(text.Substring(at, length), true));
            position = at + length;
        }

        if (position < end)
        {
            segments.Add(new SnippetSegment(text[position..end], false));
        }

        return Merge(segments);
    }

    private static List<SnippetSegment> Merge(List<SnippetSegment> segments)
    {
        var merged = new List<SnippetSegment>(segments.Count);
        foreach (var segment in segments)
        {
            if (merged.Count > 0 && !segment.Match && !merged[^1].Match)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + segment.Text };
            }
            else
            {
                merged.Add(segment);
            }
        }

        return merged;
    }

    private static bool IsMatch(string text, int start, int length, IReadOnlyList<string> words) =>
        words.Count > 0 && words.Contains(Fold(text.AsSpan(start, length)), StringComparer.Ordinal);

    /// <summary>Runs of letters, digits and combining marks: the words a full-text index sees.</summary>
    private static List<(int Start, int Length)> WordSpans(string text)
    {
        var spans = new List<(int Start, int Length)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                spans.Add((start, i - start));
                start = -1;
            }
        }

        return spans;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static string FoldChar(char c)
    {
        if (c is 'đ' or 'Đ')
        {
            return "d";
        }

        if (c < 0x80)
        {
            return char.ToLowerInvariant(c).ToString();
        }

        var builder = new StringBuilder(2);
        foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                builder.Append(char.ToLowerInvariant(part));
            }
        }

        return builder.ToString();
    }
}
