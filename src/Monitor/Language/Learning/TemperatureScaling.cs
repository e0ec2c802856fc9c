namespace Monitor.Language.Learning;

/// <summary>
/// Turns SVM margins into calibrated probabilities: softmax(T × scores) with the single temperature
/// T that minimises log-loss on held-out documents (Guo et al., ICML 2017). One parameter cannot
/// change which class wins, so accuracy and F1 are untouched; only the probabilities become honest.
/// </summary>
internal static class TemperatureScaling
{
    public static float Fit(IReadOnlyList<float[]> scores, IReadOnlyList<int> labels)
    {
        if (scores.Count == 0)
        {
            return 1f;
        }

        // Golden-section search on log T: the log-loss of a softmax is unimodal in the temperature.
        double lo = Math.Log(0.05), hi = Math.Log(50);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var a = hi - (ratio * (hi - lo));
        var b = lo + (ratio * (hi - lo));
        double fa = LogLoss(scores, labels, Math.Exp(a)), fb = LogLoss(scores, labels, Math.Exp(b));
        for (var step = 0; step < 60; step++)
        {
            if (fa < fb)
            {
                hi = b;
                b = a;
                fb = fa;
                a = hi - (ratio * (hi - lo));
                fa = LogLoss(scores, labels, Math.Exp(a));
            }
            else
            {
                lo = a;
                a = b;
                fa = fb;
                b = lo + (ratio * (hi - lo));
                fb = LogLoss(scores, labels, Math.Exp(b));
            }
        }

        return (float)Math.Exp((lo + hi) / 2);
    }

    public static double LogLoss(IReadOnlyList<float[]> scores, IReadOnlyList<int> labels, double temperature)
    {
        var total = 0.0;
        for (var i = 0; i < scores.Count; i++)
        {
            var row = scores[i];
            var max = double.NegativeInfinity;
            foreach (var s in row)
            {
                max = Math.Max(max, s * temperature);
            }

            var sum = 0.0;
            foreach (var s in row)
            {
                sum += Math.Exp((s * temperature) - max);
            }

            total -= (row[labels[i]] * temperature) - max - Math.Log(sum);
        }

        return total / scores.Count;
    }

    public static void Softmax(ReadOnlySpan<float> scores, float temperature, Span<float> probabilities)
    {
        var max = float.NegativeInfinity;
        foreach (var s in scores)
        {
            max = MathF.Max(max, s * temperature);
        }

        var sum = 0f;
        for (var k = 0; k < scores.Length; k++)
        {
            probabilities[k] = MathF.Exp((scores[k] * temperature) - max);
            sum += probabilities[k];
        }

        for (var k = 0; k < scores.Length; k++)
        {
            probabilities[k] /= sum;
        }
    }
}
