using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Delivery;

/// <summary>One delivery to write into the outbox with a new alert: who, how, and not before when.</summary>
public sealed record PlannedDelivery(string RecipientId, DeliveryTarget Target, DateTimeOffset DueAt)
{
    /// <summary>Once per alert, recipient and channel: the outbox refuses a second row with the same key.</summary>
    public string IdempotencyKey(long alertId) => $"alert-{alertId}:{RecipientId}:{Target.Key}";
}

/// <summary>
/// Decides who hears of an alert and when: recipients whose kinds and scope (stations, clusters)
/// match; due at once, at the next hour, or at the next daily time, moved past quiet hours; all in
/// Asia/Ho_Chi_Minh local time.
/// </summary>
public sealed class AlertRouter(IReadOnlyList<Recipient> recipients, IReadOnlyDictionary<string, string?> clusterOfStation)
{
    public IEnumerable<PlannedDelivery> Route(RaisedAlert alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        foreach (var recipient in recipients.Where(r => Wants(r, alert)))
        {
            var due = DueAt(recipient, now);
            foreach (var target in recipient.Targets)
            {
                yield return new PlannedDelivery(recipient.Id, target, due);
            }
        }
    }

    private bool Wants(Recipient recipient, RaisedAlert alert)
    {
        if (recipient.Kinds.Count > 0 && !recipient.Kinds.Contains(alert.Kind))
        {
            return false;
        }

        if (recipient.Stations.Count == 0 && recipient.Clusters.Count == 0)
        {
            return true;
        }

        return recipient.Stations.Contains(alert.StationId)
            || (clusterOfStation.GetValueOrDefault(alert.StationId) is { } cluster && recipient.Clusters.Contains(cluster));
    }

    /// <summary>When a recipient's delivery of something raised at <paramref name="now"/> is due.</summary>
    public static DateTimeOffset DueAt(Recipient recipient, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var zone = AlertsConfiguration.TimeZone;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var due = recipient.Schedule.Mode switch
        {
            DigestMode.Hourly => Floor(local, TimeSpan.FromHours(1)).AddHours(1),
            DigestMode.Daily => NextDaily(local, recipient.Schedule.DailyAt),
            _ => local,
        };

        if (recipient.Quiet is { } quiet && quiet.Contains(TimeOnly.FromDateTime(due.DateTime)))
        {
            var end = due.Date + quiet.To.ToTimeSpan();
            due = new DateTimeOffset(end < due.DateTime ? end.AddDays(1) : end, due.Offset);
        }

        return due.ToUniversalTime();
    }

    private static DateTimeOffset Floor(DateTimeOffset local, TimeSpan step) =>
        new(local.DateTime.AddTicks(-(local.DateTime.Ticks % step.Ticks)), local.Offset);

    private static DateTimeOffset NextDaily(DateTimeOffset local, TimeOnly at)
    {
        var today = new DateTimeOffset(local.Date + at.ToTimeSpan(), local.Offset);
        return today > local ? today : today.AddDays(1);
    }
}
