namespace Monitor.Alerts.Detection;

/// <summary>The one-sided binomial test the negative-surge rule uses.</summary>
public static class Binomial
{
    /// <summary>
    /// P(X ≥ <paramref name="successes"/>) for X ~ Binomial(<paramref name="trials"/>, <paramref name="p"/>):
    /// how likely so many negative comments (or more) would be if the baseline share still held.
    /// Summed in log space from the pmf's recurrence, so thousands of trials neither underflow nor overflow.
    /// </summary>
    public static double UpperTail(int successes, int trials, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1.0);
        if (successes <= 0)
        {
            return 1;
        }

        if (successes > trials)
        {
            return 0;
        }

        if (p == 0)
        {
            return 0;
        }

        if (p == 1)
        {
            return 1;
        }

        // log pmf(k) = log C(n,k) + k log p + (n-k) log(1-p); log C(n,k) built term by term.
        var logP = Math.Log(p);
        var logQ = Math.Log(1 - p);
        var logChoose = 0.0;
        for (var i = 1; i <= successes; i++)
        {
            logChoose += Math.Log(trials - successes + i) - Math.Log(i);
        }

        var first = logChoose + (successes * logP) + ((trials - successes) * logQ);
        var sum = 1.0;
        var term = 0.0; // log of pmf(k) / pmf(successes)
        for (var k = successes; k < trials; k++)
        {
            term += Math.Log(trials - k) - Math.Log(k + 1) + logP - logQ;
            var ratio = Math.Exp(term);
            sum += ratio;
            if (ratio < 1e-17 * sum)
            {
                break;
            }
        }

        return Math.Min(1, Math.Exp(first + Math.Log(sum)));
    }
}
