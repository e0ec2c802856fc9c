using System.Globalization;
using System.Text;

namespace Monitor.Reporting;

/// <summary>
/// Near-identical headlines across platforms: titles are NFC-normalised, lower-cased and stripped of
/// punctuation and hashtags, split into syllables (Vietnamese words are written syllable by
/// syllable), and compared as sets of two-syllable shingles with the Jaccard index.
/// </summary>
public static class StoryTitle
{
    private const ulong Offset = 14695981039346656037UL;

    private const ulong Prime = 1099511628211UL;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static IReadOnlySet<string> Shingles(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormC).ToLower(Vietnamese))
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '#' ? c : ' ');
        }

        var syllables = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s[0] != '#').ToArray();
        if (syllables.Length < 2)
        {
            return syllables.ToHashSet(StringComparer.Ordinal);
        }

        return Enumerable.Range(0, syllables.Length - 1).Select(i => syllables[i] + " " + syllables[i + 1]).ToHashSet(StringComparer.Ordinal);
    }

    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>
    /// The title's shingles as sorted, distinct 64-bit fingerprints (FNV-1a over each shingle's UTF-16
    /// code units, as if hashing the strings <see cref="Shingles"/> returns), computed without building
    /// those strings: reports shingle tens of thousands of titles, and a month of a cluster kept as
    /// fingerprints stays small. Two distinct shingles of one comparison collide ~1e-17 of the time.
    /// </summary>
    public static ulong[] Fingerprints(string title)
    {
        ArgumentNullException.ThrowIfNull(title);

        // Titles are nearly always stored composed already: the check costs less than normalising a copy.
        var text = (title.IsNormalized(NormalizationForm.FormC) ? title : title.Normalize(NormalizationForm.FormC)).ToLower(Vietnamese);
        Span<(int Start, int Length)> stack = stackalloc (int, int)[64];
        var syllables = text.Length <= 128 ? stack : new (int, int)[(text.Length / 2) + 1];
        var count = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!Kept(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && Kept(text[i]))
            {
                i++;
            }

            if (text[start] != '#')
            {
                syllables[count++] = (start, i - start);
            }
        }

        if (count < 2)
        {
            return count == 0 ? [] : [Hash(Offset, text.AsSpan(syllables[0].Start, syllables[0].Length))];
        }

        var fingerprints = new ulong[count - 1];
        for (var i = 0; i < count - 1; i++)
        {
            var hash = Hash(Offset, text.AsSpan(syllables[i].Start, syllables[i].Length));
            hash = (hash ^ ' ') * Prime;
            fingerprints[i] = Hash(hash, text.AsSpan(syllables[i + 1].Start, syllables[i + 1].Length));
        }

        Array.Sort(fingerprints);
        var distinct = 1;
        for (var i = 1; i < fingerprints.Length; i++)
        {
            if (fingerprints[i] != fingerprints[distinct - 1])
            {
                fingerprints[distinct++] = fingerprints[i];
            }
        }

        return distinct == fingerprints.Length ? fingerprints : fingerprints[..distinct];
    }

    /// <summary>Jaccard index of two sorted, distinct fingerprint arrays (as <see cref="Jaccard(IReadOnlySet{string}, IReadOnlySet{string})"/> on the sets).</summary>
    public static double Jaccard(ulong[] a, ulong[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var shared = Shared(a, b, need: 0);
        return (double)shared / (a.Length + b.Length - shared);
    }

    /// <summary>
    /// Exactly <c>Jaccard(a, b) &gt;= threshold</c>, faster: the index grows with the shingles shared,
    /// so the fewest shared that reach the threshold are found first and the walk gives up as soon
    /// as the shingles left cannot make them up (most pairs a month of template headlines offers share
    /// one or two shingles of a dozen and are dropped within a few steps).
    /// </summary>
    public static bool JaccardAtLeast(ulong[] a, ulong[] b, double threshold)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return 0 >= threshold;
        }

        return SharesAtLeast(a, b, OverlapNeeded(a.Length, b.Length, threshold));
    }

    /// <summary>True when two sorted, distinct fingerprint arrays share at least <paramref name="need"/> fingerprints; gives up as soon as those left cannot make them up.</summary>
    internal static bool SharesAtLeast(ulong[] a, ulong[] b, int need) =>
        need <= Math.Min(a.Length, b.Length) && Shared(a, b, need) >= need;

    /// <summary>How many fingerprints two sorted, distinct arrays share, counting only while those left can still make up <paramref name="need"/> (0: all of them).</summary>
    private static int Shared(ulong[] a, ulong[] b, int need)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length && shared + Math.Min(a.Length - i, b.Length - j) >= need)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    /// <summary>
    /// The fewest shingles two non-empty sets of these sizes must share for <c>Jaccard &gt;= threshold</c>
    /// (more than the smaller size when they cannot reach it).
    /// </summary>
    public static int OverlapNeeded(int a, int b, double threshold)
    {
        // J(s) = s / (a + b - s) reaches the threshold at s = t(a + b) / (1 + t): start just below that and
        // step up with the very expression the index is taken with, so the answer is the same.
        var most = Math.Min(a, b);
        var need = Math.Max(0, (int)Math.Ceiling(threshold * (a + b) / (1 + threshold)) - 1);
        while (need <= most && (double)need / (a + b - need) < threshold)
        {
            need++;
        }

        return need;
    }

    /// <summary>FNV-1a over the text's UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static ulong Fingerprint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hash(Offset, text);
    }

    private static bool Kept(char c) => char.IsLetterOrDigit(c) || c == '#';

    private static ulong Hash(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }
}
