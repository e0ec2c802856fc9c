namespace Monitor.Language.Learning;

/// <summary>
/// L2-regularised squared-hinge linear SVM solved in the dual by coordinate descent with shrinking
/// (Hsieh et al., ICML 2008; the algorithm of liblinear and scikit-learn's <c>LinearSVC</c>):
/// exact, needs no learning rate, and converges in a few passes over sparse text. One-vs-rest for
/// several classes; a constant feature of 1 gives each class its (regularised) bias, as liblinear does.
/// Deterministic: the visiting order comes from a seeded generator.
/// </summary>
internal static class LinearSvmTrainer
{
    public sealed record Options(double C, double Tolerance = 0.1, int MaxPasses = 200, int Seed = 1);

    /// <summary>Returns weights laid out [feature × classes + class] and one bias per class.</summary>
    // featureScales: optional per-class feature scaling (NB-SVM's log-count ratios, Wang & Manning 2012).
    // Class k is trained on x ⊙ scale_k and the scale is folded into its weights, so prediction is unchanged.
    public static (float[] Weights, float[] Bias) Train(
        SparseRows rows, int[] labels, int classes, int dimensions, double[] classWeights, Options options,
        float[][]? featureScales = null, double[]? exampleWeights = null, CancellationToken cancellationToken = default)
    {
        var weights = new float[(long)dimensions * classes];
        var bias = new float[classes];
        var w = new double[dimensions];
        for (var k = 0; k < classes; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(w);
            var scale = featureScales?[k];
            var classRows = scale is null ? rows : rows.Scaled(scale);
            var b = TrainOne(classRows, labels, k, classWeights, exampleWeights, SquaredNorms(classRows), w, options);
            for (var j = 0; j < dimensions; j++)
            {
                weights[((long)j * classes) + k] = (float)(scale is null ? w[j] : w[j] * scale[j]);
            }

            bias[k] = (float)b;
        }

        return (weights, bias);
    }

    private static double[] SquaredNorms(SparseRows rows)
    {
        var squaredNorms = new double[rows.Rows];
        for (var i = 0; i < rows.Rows; i++)
        {
            var norm = 1.0; // the bias feature
            foreach (var v in rows.Values(i))
            {
                norm += (double)v * v;
            }

            squaredNorms[i] = norm;
        }

        return squaredNorms;
    }

    // An example's weight multiplies its C (its upper cost), as liblinear's instance weights do.
    private static double TrainOne(SparseRows rows, int[] labels, int positive, double[] classWeights, double[]? exampleWeights, double[] squaredNorms, double[] w, Options options)
    {
        var n = rows.Rows;
        var alpha = new double[n];
        var diag = new double[n];
        var qd = new double[n];
        var y = new sbyte[n];
        var index = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = labels[i] == positive ? (sbyte)1 : (sbyte)-1;
            diag[i] = 0.5 / (options.C * classWeights[labels[i]] * (exampleWeights?[i] ?? 1.0));
            qd[i] = squaredNorms[i] + diag[i];
            index[i] = i;
        }

        var b = 0.0;
        var random = new Random(options.Seed + positive);
        var active = n;
        var maxOld = double.PositiveInfinity;
        var minOld = double.NegativeInfinity;
        for (var pass = 0; pass < options.MaxPasses; pass++)
        {
            var maxNew = double.NegativeInfinity;
            var minNew = double.PositiveInfinity;
            for (var s = 0; s < active; s++)
            {
                var swap = s + random.Next(active - s);
                (index[s], index[swap]) = (index[swap], index[s]);
            }

            for (var s = 0; s < active; s++)
            {
                var i = index[s];
                var ids = rows.Ids(i);
                var values = rows.Values(i);
                var dot = b;
                for (var j = 0; j < ids.Length; j++)
                {
                    dot += w[ids[j]] * values[j];
                }

                var g = (y[i] * dot) - 1 + (alpha[i] * diag[i]);
                var pg = 0.0;
                if (alpha[i] == 0)
                {
                    if (g > maxOld)
                    {
                        // Shrinking: a bound variable whose gradient points outward will stay put; skip it until the final check.
                        active--;
                        (index[s], index[active]) = (index[active], index[s]);
                        s--;
                        continue;
                    }

                    if (g < 0)
                    {
                        pg = g;
                    }
                }
                else
                {
                    pg = g;
                }

                maxNew = Math.Max(maxNew, pg);
                minNew = Math.Min(minNew, pg);
                if (Math.Abs(pg) > 1e-12)
                {
                    var old = alpha[i];
                    alpha[i] = Math.Max(alpha[i] - (g / qd[i]), 0);
                    var d = (alpha[i] - old) * y[i];
                    for (var j = 0; j < ids.Length; j++)
                    {
                        w[ids[j]] += d * values[j];
                    }

                    b += d;
                }
            }

            if (maxNew - minNew <= options.Tolerance)
            {
                if (active == n)
                {
                    break;
                }

                active = n;
                maxOld = double.PositiveInfinity;
                minOld = double.NegativeInfinity;
                continue;
            }

            maxOld = maxNew <= 0 ? double.PositiveInfinity : maxNew;
            minOld = minNew >= 0 ? double.NegativeInfinity : minNew;
        }

        return b;
    }
}
