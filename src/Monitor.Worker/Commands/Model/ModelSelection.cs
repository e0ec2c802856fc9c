using System.Globalization;
using Monitor.Language;
using Monitor.Language.Tuning;

namespace Monitor.Worker.Commands.Model;

/// <summary>How <c>model train</c> picks among several candidate settings: k-fold cross-validation on the training file, never the dev file.</summary>
internal sealed class ModelSelection(int folds, FileInfo? cacheFile, int seed)
{
    private CrossValidationResult<object>? last;

    /// <summary>The single candidate as is; several need <c>--cv-folds</c> and get scored on the same folds, each fold's progress on stderr.</summary>
    public T Choose<T>(
        IReadOnlyList<T> candidates,
        Func<T, string> describe,
        Func<List<LabelledText>, List<LabelledText>, T, CancellationToken, double> score,
        IReadOnlyList<LabelledText> train,
        TextWriter error,
        CancellationToken cancellationToken)
        where T : notnull
    {
        if (candidates.Count == 1 && folds < 2)
        {
            return candidates[0];
        }

        if (folds < 2)
        {
            throw new ArgumentException($"{candidates.Count} candidate values given: add --cv-folds K (e.g. 3) to choose between them on the training file.");
        }

        var cache = cacheFile is null ? null : new CrossValidationCache(cacheFile.FullName);
        var result = CrossValidation.Choose(train, candidates, describe, score, folds, seed, cache,
            s => error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cv {folds}-fold  {s.MeanMacroF1 * 100:F2} macro-F1 ({string.Join(" ", s.FoldMacroF1.Select(f => (f * 100).ToString("F2", CultureInfo.InvariantCulture)))}){(s.FromCache ? " cached" : $" {s.Elapsed.TotalSeconds:F0} s")}  {s.Setting}")),
            cancellationToken);
        last = new CrossValidationResult<object>(result.Best, result.Scores);
        return result.Best;
    }

    /// <summary>Text for the "settings" line: how the settings were chosen.</summary>
    public string Describe(int candidates)
    {
        if (last is null)
        {
            return candidates == 1 ? " (given)" : string.Empty;
        }

        var best = last.Scores.MaxBy(s => s.MeanMacroF1)!;
        return string.Create(CultureInfo.InvariantCulture,
            $" (chosen among {last.Scores.Count} by {folds}-fold cross-validation on train: mean macro-F1 {best.MeanMacroF1 * 100:F2}; dev not looked at before this report)");
    }
}
