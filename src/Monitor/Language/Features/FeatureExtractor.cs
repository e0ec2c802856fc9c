using System.Runtime.CompilerServices;

namespace Monitor.Language.Features;

/// <summary>
/// Turns raw text into hashed feature counts (the hashing trick: no vocabulary to store or look
/// up). Weighting (sublinear tf × idf, per-view L2 norm) is applied by <see cref="FeatureWeighting"/>
/// because idf comes from the training set.
/// </summary>
/// <summary>One feature occurrence: its view (0 syllables, 1 characters, 2 accent-free), hashed id and the tokens it covers.</summary>
internal readonly record struct FeatureOccurrence(int View, int Id, int FirstToken, int TokenCount);

internal sealed class FeatureExtractor
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong WordSeed = 0x9E3779B97F4A7C15UL;
    private const ulong CharSeed = 0xC2B2AE3D27D4EB4FUL;
    private const ulong PlainSeed = 0x165667B19E3779F9UL;
    private const ulong NegatedSeed = 0x27D4EB2F165667C5UL;
    private const ulong QuestionFeature = 0x85EBCA77C2B2AE63UL;

    private readonly FeatureSettings settings;
    private readonly VietnameseNormalizer normalizer;
    private readonly int mask;

    public FeatureExtractor(FeatureSettings settings, VietnameseNormalizer normalizer)
    {
        this.settings = settings;
        this.normalizer = normalizer;
        mask = settings.Dimensions - 1;
    }

    public FeatureSettings Settings => settings;

    /// <summary>
    /// Fills <paramref name="scratch"/> with (id, count) pairs, view by view. Each view first writes
    /// its hashed ids to a flat buffer (tight loops, no table probing), then counts them in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ExtractCounts(ReadOnlySpan<char> text, FeatureScratch scratch)
    {
        if (text.Length > settings.MaxCharacters)
        {
            // A defined result for huge inputs: the opening of the text decides, and cost stays bounded.
            text = text[..settings.MaxCharacters];
        }

        var buffer = scratch.Tokens;
        normalizer.Tokenize(text, buffer);
        var tokens = buffer.Tokens;
        scratch.Count = 0;
        scratch.EnsureTokenHashes(tokens.Length);
        var hashes = scratch.TokenHashes.AsSpan(0, tokens.Length);
        var plainHashes = scratch.PlainHashes.AsSpan(0, tokens.Length);
        var plainView = settings.PlainWordNgramMax > 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            hashes[t] = HashChars(buffer.TextOf(tokens[t]));
            if (plainView)
            {
                plainHashes[t] = HashChars(buffer.PlainOf(tokens[t]));
            }
        }

        var wordIds = Math.Max(settings.WordNgramMax, settings.PlainWordNgramMax) * tokens.Length;
        var charIds = settings.CharNgramMax > 0 ? (buffer.Text.Length + (2 * tokens.Length)) * (settings.CharNgramMax - settings.CharNgramMin + 1) : 0;
        var cueIds = settings.Cues ? tokens.Length + 1 : 0;
        var raw = scratch.EnsureRaw(Math.Max(wordIds + cueIds, charIds));

        var words = AddWordNgrams(hashes, settings.WordNgramMax, WordSeed, raw);
        if (settings.Cues)
        {
            words = AddCues(buffer, hashes, raw, words);
        }

        scratch.CountView(words, 0);

        var written = 0;
        if (settings.CharNgramMax > 0)
        {
            var padded = scratch.Tokens.Scratch(buffer.Text.Length + 2);
            foreach (var token in tokens)
            {
                written = AddCharNgrams(buffer.TextOf(token), padded, raw, written);
            }
        }

        scratch.CountView(written, 1);
        scratch.CountView(AddWordNgrams(plainHashes, settings.PlainWordNgramMax, PlainSeed, raw), 2);
    }

    /// <summary>
    /// Every feature occurrence of <paramref name="text"/> with the tokens it came from, hashed exactly as
    /// <see cref="ExtractCounts"/> hashes them (so the ids match): for explaining a decision, not for the hot path.
    /// Leaves the tokens of <paramref name="text"/> in <c>scratch.Tokens</c>. A token index of -1 is the question marker.
    /// </summary>
    public void Occurrences(ReadOnlySpan<char> text, FeatureScratch scratch, List<FeatureOccurrence> into)
    {
        if (text.Length > settings.MaxCharacters)
        {
            text = text[..settings.MaxCharacters];
        }

        var buffer = scratch.Tokens;
        normalizer.Tokenize(text, buffer);
        var tokens = buffer.Tokens;
        var hashes = new ulong[tokens.Length];
        var plainHashes = new ulong[tokens.Length];
        for (var t = 0; t < tokens.Length; t++)
        {
            hashes[t] = HashChars(buffer.TextOf(tokens[t]));
            plainHashes[t] = HashChars(buffer.PlainOf(tokens[t]));
        }

        var raw = new int[Math.Max(1, Math.Max(settings.WordNgramMax, settings.PlainWordNgramMax) * tokens.Length) + tokens.Length + 1];
        WordOccurrences(hashes, settings.WordNgramMax, WordSeed, 0, raw, into);
        if (settings.Cues)
        {
            if (CommentCues.IsQuestion(buffer))
            {
                into.Add(new FeatureOccurrence(0, (int)(Mix(QuestionFeature) & (ulong)mask), -1, 1));
            }

            var negated = CommentCues.Negated(buffer, raw);
            for (var i = 0; i < negated; i++)
            {
                into.Add(new FeatureOccurrence(0, (int)(Mix(NegatedSeed ^ hashes[raw[i]]) & (ulong)mask), raw[i], 1));
            }
        }

        if (settings.CharNgramMax > 0)
        {
            var padded = new char[buffer.Text.Length + 2];
            var charRaw = new int[(buffer.Text.Length + 2) * (settings.CharNgramMax - settings.CharNgramMin + 1)];
            for (var t = 0; t < tokens.Length; t++)
            {
                var written = AddCharNgrams(buffer.TextOf(tokens[t]), padded, charRaw, 0);
                for (var i = 0; i < written; i++)
                {
                    into.Add(new FeatureOccurrence(1, charRaw[i], t, 1));
                }
            }
        }

        WordOccurrences(plainHashes, settings.PlainWordNgramMax, PlainSeed, 2, raw, into);
    }

    private void WordOccurrences(ReadOnlySpan<ulong> hashes, int maxN, ulong seed, int view, int[] raw, List<FeatureOccurrence> into)
    {
        // AddWordNgrams writes start by start, n = 1..maxN within each start: replay that order to know each id's tokens.
        var written = AddWordNgrams(hashes, maxN, seed, raw);
        var i = 0;
        for (var start = 0; start < hashes.Length && i < written; start++)
        {
            for (var n = 1; n <= maxN && start + n <= hashes.Length; n++)
            {
                into.Add(new FeatureOccurrence(view, raw[i++], start, n));
            }
        }
    }

    /// <summary>The question marker and "negated word" features (<see cref="CommentCues"/>), counted in the syllable view.</summary>
    private int AddCues(TokenBuffer buffer, ReadOnlySpan<ulong> hashes, int[] raw, int written)
    {
        if (CommentCues.IsQuestion(buffer))
        {
            raw[written++] = (int)(Mix(QuestionFeature) & (ulong)mask);
        }

        // Token indices first, then each replaced by its negated form's id, in place.
        var negated = CommentCues.Negated(buffer, raw.AsSpan(written));
        for (var i = written; i < written + negated; i++)
        {
            raw[i] = (int)(Mix(NegatedSeed ^ hashes[raw[i]]) & (ulong)mask);
        }

        return written + negated;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddWordNgrams(ReadOnlySpan<ulong> hashes, int maxN, ulong seed, int[] raw)
    {
        var written = 0;
        for (var start = 0; start < hashes.Length; start++)
        {
            var h = seed;
            for (var n = 1; n <= maxN && start + n <= hashes.Length; n++)
            {
                h = Mix(h ^ hashes[start + n - 1]) + (ulong)n;
                raw[written++] = (int)(Mix(h) & (ulong)mask);
            }
        }

        return written;
    }

    /// <summary>Character n-grams of " token " (space-padded so word starts and ends are features).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddCharNgrams(ReadOnlySpan<char> token, Span<char> scratch, int[] raw, int written)
    {
        var min = settings.CharNgramMin;
        var max = settings.CharNgramMax;
        var length = token.Length + 2;
        if (length < min)
        {
            return written;
        }

        var padded = scratch[..length];
        padded[0] = ' ';
        token.CopyTo(padded[1..]);
        padded[^1] = ' ';
        var lastStart = length - min;
        for (var start = 0; start <= lastStart; start++)
        {
            var h = CharSeed;
            var end = Math.Min(start + max, length);
            for (var index = start; index < end; index++)
            {
                h = (h ^ padded[index]) * FnvPrime;
                var n = index - start + 1;
                if (n >= min)
                {
                    raw[written++] = (int)(Mix(h + (ulong)n) & (ulong)mask);
                }
            }
        }

        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong HashChars(ReadOnlySpan<char> chars)
    {
        var h = FnvOffset;
        foreach (var c in chars)
        {
            h = (h ^ c) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>MurmurHash3's 64-bit finaliser: spreads every input bit over the whole hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB93F53A5CE1BUL;
        h ^= h >> 33;
        return h;
    }
}
