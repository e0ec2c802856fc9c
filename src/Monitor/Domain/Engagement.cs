namespace Monitor.Domain;

/// <summary>
/// The one engagement number reports rank by: interactions = reactions + comments + shares (a count
/// the platform did not report counts as 0). Views are reported beside it, never added to it,
/// because only some platforms report them and they dwarf interactions.
/// </summary>
public static class Engagement
{
    public const string Formula = "engagement = reactions + comments + shares (counts a platform does not report count as 0; views are shown apart)";

    public static long Interactions(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return (observation.Reactions ?? 0) + (observation.Comments ?? 0) + (observation.Shares ?? 0);
    }
}
