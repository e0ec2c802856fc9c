namespace Monitor.Language.MlNet;

/// <summary>Which of ML.NET's multiclass linear learners fits the weights.</summary>
public enum MlNetLearner
{
    SdcaMaximumEntropy,
    LbfgsMaximumEntropy,
}

/// <summary>
/// Everything that shapes an ML.NET model besides its data. Word n-grams are 1..<see cref="WordNgrams"/>
/// over the normalised syllables, character n-grams 1..<see cref="CharNgrams"/> over the normalised
/// text (ML.NET has no lower bound for them), both tf-idf weighted, L2-normalised together.
/// <see cref="AccentFreeWordNgrams"/> adds a view of accent-free syllables (0 = off).
/// <see cref="L2"/> null leaves the learner's own default (SDCA picks one from the data).
/// </summary>
public sealed record MlNetTrainingOptions(
    string Task,
    MlNetLearner Learner = MlNetLearner.SdcaMaximumEntropy,
    int WordNgrams = 3,
    int CharNgrams = 5,
    int AccentFreeWordNgrams = 0,
    float? L2 = null,
    int? MaximumIterations = null,
    bool BalancedClassWeights = true,
    bool Normalize = true,
    int Seed = 1)
{
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Task))
        {
            errors.Add("the task name is empty");
        }

        if (WordNgrams is < 0 or > 6)
        {
            errors.Add($"word n-grams must be 0-6 (got {WordNgrams})");
        }

        if (CharNgrams is < 0 or > 8)
        {
            errors.Add($"character n-grams must be 0-8 (got {CharNgrams})");
        }

        if (WordNgrams == 0 && CharNgrams == 0)
        {
            errors.Add("word and character n-grams are both off: the model would have no features");
        }

        if (AccentFreeWordNgrams is < 0 or > 6)
        {
            errors.Add($"accent-free word n-grams must be 0-6 (got {AccentFreeWordNgrams})");
        }

        if (L2 is { } l2 && (l2 <= 0 || float.IsNaN(l2)))
        {
            errors.Add($"L2 regularisation must be positive (got {l2})");
        }

        if (MaximumIterations is <= 0)
        {
            errors.Add($"the iteration limit must be positive (got {MaximumIterations})");
        }

        return errors;
    }

    /// <summary>One line for reports and the benchmark table.</summary>
    public string Describe() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(Normalize ? "normalised, " : string.Empty)}word 1-{WordNgrams} + char 1-{CharNgrams}{(AccentFreeWordNgrams > 0 ? $" + accent-free word 1-{AccentFreeWordNgrams}" : string.Empty)} tf-idf; {Learner} l2 {(L2 is { } l2 ? l2.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) : "auto")}{(BalancedClassWeights ? ", balanced" : string.Empty)}");
}
