namespace Monitor.Language.Learning;

/// <summary>
/// Per-class offsets added to the decision scores so that rare classes win often enough for
/// macro-F1: fitted on out-of-fold scores from a k-fold split of the training set (never on dev),
/// by coordinate search over a grid. Class 0 stays the reference.
/// </summary>
internal static class DecisionOffsets
{
    public static float[] Fit(
        SparseRows rows, int[] y, int classes, int dimensions, double[] classWeights, LinearSvmTrainer.Options svm, int folds, CancellationToken cancellationToken)
    {
        var random = new Random(svm.Seed + 7919);
        var fold = new int[rows.Rows];
        for (var i = 0; i < fold.Length; i++)
        {
            fold[i] = random.Next(folds);
        }

        var scores = new float[rows.Rows * classes];
        for (var f = 0; f < folds; f++)
        {
            var fit = new SparseRows();
            var fitLabels = new List<int>();
            for (var i = 0; i < rows.Rows; i++)
            {
                if (fold[i] != f)
                {
                    fit.AddRow(rows.Ids(i), rows.Values(i));
                    fitLabels.Add(y[i]);
                }
            }

            var (weights, bias) = LinearSvmTrainer.Train(fit, [.. fitLabels], classes, dimensions, classWeights, svm, null, cancellationToken: cancellationToken);
            for (var i = 0; i < rows.Rows; i++)
            {
                if (fold[i] == f)
                {
                    Score(rows.Ids(i), rows.Values(i), weights, bias, scores.AsSpan(i * classes, classes));
                }
            }
        }

        var offsets = new float[classes];
        var best = MacroF1(scores, y, classes, offsets);
        for (var round = 0; round < 2; round++)
        {
            for (var k = 1; k < classes; k++)
            {
                var keep = offsets[k];
                for (var step = -20; step <= 20; step++)
                {
                    offsets[k] = step * 0.05f;
                    var f1 = MacroF1(scores, y, classes, offsets);
                    if (f1 > best + 1e-9)
                    {
                        best = f1;
                        keep = offsets[k];
                    }
                }

                offsets[k] = keep;
            }
        }

        return offsets;
    }

    private static void Score(ReadOnlySpan<int> ids, ReadOnlySpan<float> values, float[] weights, float[] bias, Span<float> scores)
    {
        var classes = bias.Length;
        bias.CopyTo(scores);
        for (var j = 0; j < ids.Length; j++)
        {
            for (var k = 0; k < classes; k++)
            {
                scores[k] += values[j] * weights[(ids[j] * classes) + k];
            }
        }
    }

    private static double MacroF1(float[] scores, int[] y, int classes, float[] offsets)
    {
        Span<int> truePositive = stackalloc int[classes];
        Span<int> predicted = stackalloc int[classes];
        Span<int> actual = stackalloc int[classes];
        for (var i = 0; i < y.Length; i++)
        {
            var best = 0;
            var bestScore = float.NegativeInfinity;
            for (var k = 0; k < classes; k++)
            {
                var s = scores[(i * classes) + k] + offsets[k];
                if (s > bestScore)
                {
                    bestScore = s;
                    best = k;
                }
            }

            predicted[best]++;
            actual[y[i]]++;
            if (best == y[i])
            {
                truePositive[best]++;
            }
        }

        var sum = 0.0;
        for (var k = 0; k < classes; k++)
        {
            var denominator = predicted[k] + actual[k];
            sum += denominator == 0 ? 0 : 2.0 * truePositive[k] / denominator;
        }

        return sum / classes;
    }
}
