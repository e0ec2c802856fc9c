namespace Monitor.Language.Features;

/// <summary>
/// How text becomes a feature vector; stored inside every model file so prediction hashes exactly
/// as training did. Three views, each L2-normalised on its own: syllable n-grams of the normalised
/// text, character n-grams inside word boundaries (padded with a space, like scikit-learn's
/// <c>char_wb</c>), and syllable n-grams of the accent-free view (text typed without diacritics).
/// <see cref="Cues"/> adds to the syllable view a question marker and negated forms of the words
/// in a negation's scope (<see cref="CommentCues"/>): comments ask and deny in ways n-grams split up.
/// </summary>
public sealed record FeatureSettings(
    int HashBits = 20,
    int WordNgramMax = 3,
    int CharNgramMin = 2,
    int CharNgramMax = 5,
    int PlainWordNgramMax = 0,
    int MaxCharacters = 65_536,
    bool Cues = false)
{
    public int Dimensions => 1 << HashBits;

    public static FeatureSettings Default { get; } = new();

    /// <summary>Every problem at once, so a bad command line or model file is explained in one message.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (HashBits is < 10 or > 24)
        {
            errors.Add($"hash bits must be 10..24 (got {HashBits})");
        }

        if (WordNgramMax is < 0 or > 4 || PlainWordNgramMax is < 0 or > 4)
        {
            errors.Add($"word n-gram lengths must be 0..4 (got {WordNgramMax}, accent-free {PlainWordNgramMax})");
        }

        if (CharNgramMax > 0 && (CharNgramMin < 1 || CharNgramMin > CharNgramMax || CharNgramMax > 8))
        {
            errors.Add($"character n-grams must satisfy 1 <= min <= max <= 8 (got {CharNgramMin}..{CharNgramMax})");
        }

        if (WordNgramMax == 0 && CharNgramMax == 0 && PlainWordNgramMax == 0)
        {
            errors.Add("at least one feature view must be enabled");
        }

        if (MaxCharacters < 1)
        {
            errors.Add($"max characters must be positive (got {MaxCharacters})");
        }

        return errors;
    }
}
