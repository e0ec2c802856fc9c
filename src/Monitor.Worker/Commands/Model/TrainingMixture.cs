using System.Globalization;
using Monitor.Language;
using Monitor.Language.Tuning;

namespace Monitor.Worker.Commands.Model;

/// <summary>One candidate setting of <c>model train</c>: the engine's options and the weight of an in-domain example.</summary>
internal sealed record MixtureCandidate<T>(T Options, double InDomainWeight);

/// <summary>
/// The training data of <c>model train</c>: a general set (<c>--train</c>) and optionally an in-domain
/// set (<c>--in-domain</c>) whose examples weigh <c>--in-domain-weight</c> each. With an in-domain set,
/// cross-validation folds only the in-domain examples: every fold fits on the whole general set plus
/// the other in-domain folds and is scored on its held-out in-domain fold, because the in-domain
/// comments are what the model must get right and the general set's own dev split is checked after.
/// </summary>
internal sealed class TrainingMixture(List<LabelledText> general, List<LabelledText>? inDomain, string generalName, string? inDomainName)
{
    public bool HasInDomain => inDomain is { Count: > 0 };

    /// <summary>What cross-validation folds: the in-domain set when there is one, else the general set.</summary>
    public IReadOnlyList<LabelledText> Folded => inDomain is { Count: > 0 } ? inDomain : general;

    public List<LabelledText> Combine(double weight) => Fit(inDomain ?? [], weight);

    /// <summary>The general set plus <paramref name="inDomainPart"/> weighted (or, without an in-domain set, <paramref name="inDomainPart"/> itself: a fold of the general set).</summary>
    public List<LabelledText> Fit(IReadOnlyList<LabelledText> inDomainPart, double weight)
    {
        if (!HasInDomain)
        {
            return [.. inDomainPart.Count == 0 ? general : inDomainPart];
        }

        var all = new List<LabelledText>(general.Count + inDomainPart.Count);
        all.AddRange(general);
        all.AddRange(inDomainPart.Select(e => e with { Weight = weight }));
        return all;
    }

    /// <summary>Names the data in the settings text (and so in the cross-validation cache key): the general set is not among the folds' fingerprint.</summary>
    public string Describe(double weight) => HasInDomain
        ? string.Create(CultureInfo.InvariantCulture, $"; in-domain weight {weight} over general {CrossValidationCache.Fingerprint(general)[..12]}")
        : string.Empty;

    public string TrainFileName => HasInDomain ? $"{generalName} + {inDomainName}" : generalName;
}
