namespace Monitor.Domain;

public enum TargetKind
{
    Item,
    Comment,
}

/// <summary>What a classifier said about one item or comment (task: sentiment, toxicity).</summary>
public sealed record Assessment(
    string TargetId,
    TargetKind TargetKind,
    string Task,
    string Label,
    double Probability,
    string ModelVersion);
