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
    public static IReadOnlySet<string> Shingles(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.GetCultureInfo("vi-VN")))
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
}
