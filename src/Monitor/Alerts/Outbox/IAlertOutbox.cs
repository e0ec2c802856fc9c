using Monitor.Alerts.Detection;

namespace Monitor.Alerts.Outbox;

/// <summary>
/// The alerts and their deliveries as the store keeps them. Alerts are written by the save that
/// raised them (same transaction); this is the dispatcher's and the CLI's side.
/// </summary>
public interface IAlertOutbox
{
    /// <summary>Pending deliveries whose due time and next attempt have come, oldest first.</summary>
    Task<IReadOnlyList<StoredDelivery>> DueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    Task<StoredAlert?> GetAlertAsync(long alertId, CancellationToken cancellationToken = default);

    /// <summary>Alerts, newest first, with their deliveries; <paramref name="open"/>: only open (true) or closed (false) ones.</summary>
    Task<IReadOnlyList<StoredAlert>> ListAlertsAsync(bool? open, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of alerts for the dashboard, newest stored first: only <paramref name="stationId"/>'s
    /// when given, and only those stored before <paramref name="beforeId"/> (the previous page's last).
    /// </summary>
    Task<IReadOnlyList<StoredAlert>> ListAlertsPageAsync(bool? open, string? stationId, long? beforeId, int limit, CancellationToken cancellationToken = default);

    Task MarkSentAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: tried again at <paramref name="retryAt"/>, or never (<c>null</c>: given up).</summary>
    Task MarkFailedAsync(IReadOnlyCollection<long> deliveryIds, string problem, DateTimeOffset? retryAt, CancellationToken cancellationToken = default);

    /// <summary>One channel's run, counted for source-failing, and the source rules' decision written with it.</summary>
    Task<AlertChanges> RecordSourceRunAsync(string stationId, string channelId, bool succeeded, string? problem, CancellationToken cancellationToken = default);
}
