namespace Monitor.Transfer;

/// <summary>A line that could not be imported: its number in the file and why, in words a person reads.</summary>
public sealed record BadLine(long LineNumber, string Problem);

/// <summary>Where an import is: lines and bytes read so far, what was stored.</summary>
public sealed record ImportProgress(long LinesRead, long BytesRead, long TotalBytes, long Items, long Observations, long Comments, long BadLines);

/// <summary>
/// What one <c>import</c> run did. <see cref="ResumedAtLine"/> is 1 for a fresh import, later when it
/// continued an interrupted one; the counts are this run's. Stations and channels that
/// <c>pipelines/</c> does not know are listed once each; their items are imported all the same.
/// </summary>
public sealed record ImportSummary(
    long ResumedAtLine,
    long LinesRead,
    long Items,
    long NewItems,
    long Observations,
    long Comments,
    long Flags,
    long BadLineCount,
    IReadOnlyList<BadLine> BadLines,
    IReadOnlyList<string> UnknownStations,
    IReadOnlyList<string> UnknownChannels,
    TimeSpan Elapsed);
