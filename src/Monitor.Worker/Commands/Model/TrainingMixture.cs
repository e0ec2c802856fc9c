using System.Globalization;
using Monitor.Language;

namespace Monitor.Worker.Commands.Model;

/// <summary>One candidate setting of <c>model train</c>: the engine's options and the weight of an in-domain example.</summary>
internal sealed record MixtureCandidate<T>(T Options, double InDomainWeight);

/// <summary>
/// The training data of <c>model train</c>: a general set (<c>--train</c>) and optionally an in-domain
/// set (<c>--in-domain</c>) whose examples weigh <c>--in-domain-weight</c> each. With an in-domain set,
/// cross-validation folds both sets at once (stratified by label): every fold fits on the other folds
/// of both, the in-domain part weighted, and scores the mean of two macro-F1s, on its held-out
/// in-domain examples and on its held-out general ones. Scoring the in-domain part alone chose the
/// largest weight every time and cost the general sets' dev splits 1.2-1.4 points; the mean keeps a
/// weight that serves the comments the monitor reads without forgetting the general data.
/// </summary>
internal sealed class TrainingMixture(List<LabelledText> general, List<LabelledText>? inDomain, string generalName, string? inDomainName)
{
    private readonly HashSet<LabelledText> inDomainSet = new(inDomain ?? [], ReferenceEqualityComparer.Instance);

    public bool HasInDomain => inDomain is { Count: > 0 };

    /// <summary>What cross-validation folds: both sets (told apart by reference).</summary>
    public IReadOnlyList<LabelledText> Folded => HasInDomain ? [.. general, .. inDomain!] : general;

    public List<LabelledText> Combine(double weight) => Fit(Folded, weight);

    /// <summary><paramref name="part"/> (a fold of <see cref="Folded"/>) with its in-domain examples weighted.</summary>
    public List<LabelledText> Fit(IReadOnlyList<LabelledText> part, double weight) =>
        [.. part.Select(e => inDomainSet.Contains(e) ? e with { Weight = weight } : e)];

    /// <summary>The fold's score: without an in-domain set, macro-F1 on the held-out part; with one, the mean over the two domains.</summary>
    public double Score(IReadOnlyList<LabelledText> heldOut, Func<IReadOnlyList<LabelledText>, double> macroF1)
    {
        if (!HasInDomain)
        {
            return macroF1(heldOut);
        }

        var own = heldOut.Where(inDomainSet.Contains).ToList();
        var rest = heldOut.Where(e => !inDomainSet.Contains(e)).ToList();
        return (macroF1(own) + macroF1(rest)) / 2;
    }

    /// <summary>Names the weight in the settings text (and so in the cross-validation cache key).</summary>
    public string Describe(double weight) => HasInDomain
        ? string.Create(CultureInfo.InvariantCulture, $"; in-domain weight {weight}, scored as the mean of in-domain and general folds")
        : string.Empty;

    public string TrainFileName => HasInDomain ? $"{generalName} + {inDomainName}" : generalName;
}
