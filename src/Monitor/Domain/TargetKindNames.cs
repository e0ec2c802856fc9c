namespace Monitor.Domain;

/// <summary>The stored and wire form of a <see cref="TargetKind"/>: "item" or "comment", as both stores and the triage snapshots write it.</summary>
public static class TargetKindNames
{
    public static string ToWire(this TargetKind kind) => kind == TargetKind.Comment ? "comment" : "item";

    /// <summary>"comment" is a comment; anything else was written for an item.</summary>
    public static TargetKind FromWire(string? text) => text == "comment" ? TargetKind.Comment : TargetKind.Item;
}
