using System.Runtime.CompilerServices;

namespace Monitor.Language;

/// <summary>
/// Social-media abbreviations and teencode (<c>ko</c> → <c>không</c>, <c>đc</c> → <c>được</c>),
/// read from the data file <c>Language/Data/teencode.tsv</c> so the list grows without code changes.
/// </summary>
internal sealed class Teencode
{
    private readonly Dictionary<string, Expansion> expansions;
    private readonly Dictionary<string, Expansion>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <summary>Longest abbreviation: most words are longer, and a length test is far cheaper than hashing them.</summary>
    private readonly int maxKeyLength;

    /// <summary>
    /// Which short fingerprints (first letter, last letter, length) some abbreviation has: most
    /// syllables are as short as an abbreviation, and this filter turns nearly all of them away before
    /// the dictionary has to hash them.
    /// </summary>
    private readonly bool[] candidates = new bool[FingerprintSize];

    private const int FingerprintSize = 4096;

    private Teencode(Dictionary<string, Expansion> expansions)
    {
        this.expansions = expansions;
        lookup = expansions.GetAlternateLookup<ReadOnlySpan<char>>();
        maxKeyLength = expansions.Keys.Select(key => key.Length).DefaultIfEmpty(0).Max();
        foreach (var key in expansions.Keys)
        {
            candidates[Fingerprint(key)] = true;
        }
    }

    public int Count => expansions.Count;

    public static Teencode Empty { get; } = new(new Dictionary<string, Expansion>(StringComparer.Ordinal));

    public bool TryExpand(ReadOnlySpan<char> token, out Expansion expansion)
    {
        if (token.Length > maxKeyLength || token.IsEmpty || !candidates[Fingerprint(token)])
        {
            expansion = null!;
            return false;
        }

        return lookup.TryGetValue(token, out expansion!);
    }

    /// <summary>Reads <c>abbreviation&lt;TAB&gt;expansion</c> lines; both sides go through the normaliser so any tone placement matches.</summary>
    public static Teencode Parse(TextReader reader, VietnameseNormalizer plainNormalizer)
    {
        var table = new Dictionary<string, Expansion>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new FormatException($"teencode line {lineNumber}: expected 'abbreviation<TAB>expansion', got '{line}'");
            }

            var key = plainNormalizer.Normalize(line[..tab]);
            var value = plainNormalizer.Normalize(line[(tab + 1)..]);
            if (key.Tokens.Count != 1 || value.Tokens.Count == 0)
            {
                throw new FormatException($"teencode line {lineNumber}: the abbreviation must be one word and the expansion not empty");
            }

            var plainWords = value.AccentFree.Split(' ');
            table[key.Tokens[0]] = new Expansion([.. value.Tokens], plainWords);
        }

        return new Teencode(table);
    }

    public static Teencode LoadDefault(VietnameseNormalizer plainNormalizer)
    {
        using var stream = typeof(Teencode).Assembly.GetManifestResourceStream("Monitor.Language.Data.teencode.tsv")
            ?? throw new InvalidOperationException("The embedded teencode table is missing from the Monitor assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader, plainNormalizer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Fingerprint(ReadOnlySpan<char> key) =>
        ((key[0] * 31) + (key[^1] * 7) + key.Length) & (FingerprintSize - 1);

    internal sealed record Expansion(string[] Words, string[] PlainWords);
}
