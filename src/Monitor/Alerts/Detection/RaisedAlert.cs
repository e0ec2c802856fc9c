namespace Monitor.Alerts.Detection;

/// <summary>
/// What a rule found. <see cref="Key"/> names the episode: while an alert with that key is open a
/// new finding updates it (numbers, evidence) and is never delivered again.
/// </summary>
public sealed record RaisedAlert(
    string Key,
    AlertKind Kind,
    string TargetId,
    string StationId,
    string? ChannelId,
    string? ItemId,
    string Summary,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyList<string> Evidence);

/// <summary>What detection decided for one save: alerts to open or update, keys of open alerts to close.</summary>
public sealed record AlertChanges(IReadOnlyList<RaisedAlert> Raised, IReadOnlyList<string> Closed)
{
    public static AlertChanges None { get; } = new([], []);

    public bool IsEmpty => Raised.Count == 0 && Closed.Count == 0;
}

/// <summary>An alert as stored, with its deliveries (for <c>alerts list</c>, the dispatcher and the dashboard).</summary>
public sealed record StoredAlert(
    long Id,
    string Key,
    AlertKind Kind,
    string TargetId,
    string StationId,
    string? ChannelId,
    string? ItemId,
    string Summary,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyList<string> Evidence,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt)
{
    public IReadOnlyList<StoredDelivery> Deliveries { get; init; } = [];
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
}

public sealed record StoredDelivery(
    long Id,
    long AlertId,
    string IdempotencyKey,
    string RecipientId,
    string Channel,
    string Address,
    DateTimeOffset DueAt,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? SentAt);
