namespace Monitor.Pipeline;

public enum CollectionStage
{
    Started,
    ItemStored,
    Finished,
}

/// <summary>What the runner reports while a source is collected: once at start, after each stored item, once at the end.</summary>
public sealed record CollectionProgress(
    string StationId,
    string ChannelId,
    CollectionStage Stage,
    int Stored,
    int NewItems,
    SourceRunSummary? Summary = null);
