using System.Runtime.CompilerServices;

namespace Monitor.Language.Features;

/// <summary>
/// Turns raw text into hashed feature counts (the hashing trick: no vocabulary to store or look
/// up). Weighting (sublinear tf × idf, per-view L2 norm) is applied by <see cref="FeatureWeighting"/>
/// because idf comes from the training set.
/// </summary>
internal sealed class FeatureExtractor
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong WordSeed = 0x9E3779B97F4A7C15UL;
    private const ulong CharSeed = 0xC2B2AE3D27D4EB4FUL;
    private const ulong PlainSeed = 0x165667B19E3779F9UL;

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

    /// <summary>Fills <paramref name="scratch"/> with (id, count) pairs, view by view.</summary>
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
        var hashes = scratch.TokenHashes;
        var plainHashes = scratch.PlainHashes;
        var plainView = settings.PlainWordNgramMax > 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            hashes[t] = HashChars(buffer.TextOf(tokens[t]));
            if (plainView)
            {
                plainHashes[t] = HashChars(buffer.PlainOf(tokens[t]));
            }
        }

        AddWordNgrams(hashes.AsSpan(0, tokens.Length), settings.WordNgramMax, WordSeed, scratch);
        scratch.FlushView(0);

        if (settings.CharNgramMax > 0)
        {
            foreach (var token in tokens)
            {
                AddCharNgrams(buffer.TextOf(token), scratch);
            }
        }

        scratch.FlushView(1);
        AddWordNgrams(plainHashes.AsSpan(0, tokens.Length), settings.PlainWordNgramMax, PlainSeed, scratch);
        scratch.FlushView(2);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddWordNgrams(ReadOnlySpan<ulong> hashes, int maxN, ulong seed, FeatureScratch scratch)
    {
        for (var start = 0; start < hashes.Length; start++)
        {
            var h = seed;
            for (var n = 1; n <= maxN && start + n <= hashes.Length; n++)
            {
                h = Mix(h ^ hashes[start + n - 1]) + (ulong)n;
                scratch.Add((int)(Mix(h) & (ulong)mask));
            }
        }
    }

    /// <summary>Character n-grams of " token " (space-padded so word starts and ends are features).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCharNgrams(ReadOnlySpan<char> token, FeatureScratch scratch)
    {
        var min = settings.CharNgramMin;
        var max = settings.CharNgramMax;
        var padded = token.Length + 2;
        if (padded < min)
        {
            return;
        }

        for (var start = 0; start < padded; start++)
        {
            var h = CharSeed;
            for (var n = 1; n <= max && start + n <= padded; n++)
            {
                var index = start + n - 1;
                var c = index == 0 || index == padded - 1 ? ' ' : token[index - 1];
                h = (h ^ c) * FnvPrime;
                if (n >= min)
                {
                    scratch.Add((int)(Mix(h + (ulong)n) & (ulong)mask));
                }
            }

            if (start + min >= padded)
            {
                break;
            }
        }
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
