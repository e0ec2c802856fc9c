using System.Diagnostics;

namespace Monitor.Language.Tuning;

/// <summary>One candidate setting's k-fold result: macro-F1 on each held-out fold and their mean.</summary>
public sealed record CandidateScore(string Setting, IReadOnlyList<double> FoldMacroF1, TimeSpan Elapsed, bool FromCache)
{
    public double MeanMacroF1 => FoldMacroF1.Average();
}

/// <summary>The winner and every candidate's scores, in the order tried.</summary>
public sealed record CrossValidationResult<T>(T Best, IReadOnlyList<CandidateScore> Scores);

/// <summary>
/// Chooses settings by stratified k-fold cross-validation on the training split only, so the dev
/// split is looked at once, at the end, for whichever engine: settings picked by looking at dev
/// scored higher on dev than on unseen comments (the caution in issue 14).
/// </summary>
public static class CrossValidation
{
    /// <summary>
    /// Stratified folds: each label's examples are shuffled with <paramref name="seed"/> and dealt
    /// round-robin, so every fold keeps the label mix of the whole.
    /// </summary>
    public static IReadOnlyList<(List<LabelledText> Fit, List<LabelledText> HeldOut)> Folds(IReadOnlyList<LabelledText> data, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "cross-validation needs at least 2 folds");
        }

        var random = new Random(seed);
        var fold = new int[data.Count];
        foreach (var group in Enumerable.Range(0, data.Count).GroupBy(i => data[i].Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indices = group.ToArray();
            random.Shuffle(indices);
            for (var j = 0; j < indices.Length; j++)
            {
                fold[indices[j]] = j % folds;
            }
        }

        var result = new List<(List<LabelledText>, List<LabelledText>)>(folds);
        for (var f = 0; f < folds; f++)
        {
            var fit = new List<LabelledText>();
            var heldOut = new List<LabelledText>();
            for (var i = 0; i < data.Count; i++)
            {
                (fold[i] == f ? heldOut : fit).Add(data[i]);
            }

            result.Add((fit, heldOut));
        }

        return result;
    }

    /// <summary>
    /// Scores every candidate on the same folds and returns the one with the best mean macro-F1
    /// (the earlier candidate on a tie). <paramref name="score"/> trains on the first list and
    /// returns macro-F1 on the second. Results found in <paramref name="cache"/> are not recomputed.
    /// </summary>
    public static CrossValidationResult<T> Choose<T>(
        IReadOnlyList<LabelledText> train,
        IReadOnlyList<T> candidates,
        Func<T, string> describe,
        Func<List<LabelledText>, List<LabelledText>, T, CancellationToken, double> score,
        int folds,
        int seed,
        CrossValidationCache? cache = null,
        Action<CandidateScore>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(score);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("no candidate settings to choose from", nameof(candidates));
        }

        var split = Folds(train, folds, seed);
        var fingerprint = CrossValidationCache.Fingerprint(train);
        var scores = new List<CandidateScore>(candidates.Count);
        var best = 0;
        for (var c = 0; c < candidates.Count; c++)
        {
            var setting = describe(candidates[c]);
            var key = $"{fingerprint}|folds={folds}|seed={seed}|{setting}";
            CandidateScore result;
            if (cache?.TryGet(key) is { } cached)
            {
                result = new CandidateScore(setting, cached, TimeSpan.Zero, FromCache: true);
            }
            else
            {
                var stopwatch = Stopwatch.StartNew();
                var perFold = new List<double>(folds);
                foreach (var (fit, heldOut) in split)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    perFold.Add(score(fit, heldOut, candidates[c], cancellationToken));
                }

                result = new CandidateScore(setting, perFold, stopwatch.Elapsed, FromCache: false);
                cache?.Add(key, perFold);
            }

            scores.Add(result);
            progress?.Invoke(result);
            if (result.MeanMacroF1 > scores[best].MeanMacroF1)
            {
                best = c;
            }
        }

        return new CrossValidationResult<T>(candidates[best], scores);
    }
}
