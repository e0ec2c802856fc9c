using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Alerts.Detection;
using Monitor.Alerts.Rules;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// What one delivery says, in Vietnamese: one alert, or a digest of several. The same content is
/// written as mail text, as the webhook's JSON and as the Telegram message.
/// </summary>
public sealed record AlertMessage(string IdempotencyKey, string RecipientId, IReadOnlyList<StoredAlert> Alerts, Uri DashboardUrl, bool IsTest = false)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Subject => IsTest
        ? "[Monitor] Tin nhắn thử: kênh cảnh báo hoạt động"
        : Alerts.Count == 1
            ? $"[Monitor] {Alerts[0].Kind.Describe()}: {Cut(Alerts[0].Summary, 120)}"
            : $"[Monitor] Bản tin cảnh báo: {Alerts.Count} cảnh báo";

    /// <summary>The dashboard page of an alert: its item, or the inbox when it concerns a whole channel or station.</summary>
    public Uri LinkOf(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new Uri(DashboardUrl, alert.ItemId is { } item ? $"items/{Uri.EscapeDataString(item)}" : "inbox");
    }

    public string Text
    {
        get
        {
            var text = new StringBuilder();
            if (IsTest)
            {
                text.AppendLine("Đây là tin nhắn thử của Monitor. Nếu bạn đọc được dòng này, kênh nhận cảnh báo đã được cấu hình đúng.");
                text.AppendLine(CultureInfo.InvariantCulture, $"Hộp thư cảnh báo: {new Uri(DashboardUrl, "inbox")}");
                return text.ToString();
            }

            if (Alerts.Count > 1)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Bản tin gồm {Alerts.Count} cảnh báo:").AppendLine();
            }

            foreach (var alert in Alerts)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"■ {alert.Kind.Describe()} — {alert.StationId}");
                text.AppendLine(alert.Summary);
                text.AppendLine(CultureInfo.InvariantCulture, $"Mở lúc: {Local(alert.OpenedAt)} (giờ Việt Nam){(alert.ClosedAt is { } c ? $", đã kết thúc lúc {Local(c)}" : string.Empty)}");
                if (alert.Numbers.Count > 0)
                {
                    text.AppendLine("Số liệu: " + string.Join("; ", alert.Numbers.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Key} = {n.Value:0.####}"))));
                }

                foreach (var line in alert.Evidence)
                {
                    text.AppendLine("  • " + line);
                }

                text.AppendLine(CultureInfo.InvariantCulture, $"Xem trên bảng điều khiển: {LinkOf(alert)}").AppendLine();
            }

            return text.ToString();
        }
    }

    /// <summary>The webhook body (and the folder channel's .json): stable field names, UTF-8 text as it is.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        new Payload(
            IdempotencyKey,
            RecipientId,
            IsTest,
            Subject,
            Text,
            [.. Alerts.Select(a => new PayloadAlert(a.Id, a.Kind.ToWire(), a.TargetId, a.StationId, a.ChannelId, a.ItemId, a.Summary, a.Numbers, a.Evidence, a.OpenedAt, a.ClosedAt, LinkOf(a).ToString()))]),
        Json);

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, AlertsConfiguration.TimeZone).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Cut(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    private sealed record Payload(
        [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey,
        [property: JsonPropertyName("recipient")] string Recipient,
        [property: JsonPropertyName("test")] bool Test,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("alerts")] IReadOnlyList<PayloadAlert> Alerts);

    private sealed record PayloadAlert(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("station")] string Station,
        [property: JsonPropertyName("channel")] string? Channel,
        [property: JsonPropertyName("itemId")] string? ItemId,
        [property: JsonPropertyName("summary")] string Summary,
        [property: JsonPropertyName("numbers")] IReadOnlyDictionary<string, double> Numbers,
        [property: JsonPropertyName("evidence")] IReadOnlyList<string> Evidence,
        [property: JsonPropertyName("openedAt")] DateTimeOffset OpenedAt,
        [property: JsonPropertyName("closedAt")] DateTimeOffset? ClosedAt,
        [property: JsonPropertyName("link")] string Link);
}
