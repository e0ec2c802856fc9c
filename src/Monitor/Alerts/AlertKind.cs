namespace Monitor.Alerts;

/// <summary>The rules an alert can come from; the wire names are those written in <c>alerts.yaml</c>.</summary>
public enum AlertKind
{
    NegativeSurge,
    Viral,
    Watchlist,
    SourceSilent,
    SourceFailing,
    RemovedAfterFlag,
}

public static class AlertKindNames
{
    private static readonly (AlertKind Kind, string Wire, string Vietnamese)[] Names =
    [
        (AlertKind.NegativeSurge, "negative-surge", "Làn sóng bình luận tiêu cực"),
        (AlertKind.Viral, "viral", "Bài đăng lan truyền mạnh"),
        (AlertKind.Watchlist, "watchlist", "Trúng danh sách theo dõi"),
        (AlertKind.SourceSilent, "source-silent", "Nguồn im lặng bất thường"),
        (AlertKind.SourceFailing, "source-failing", "Nguồn thu thập lỗi liên tiếp"),
        (AlertKind.RemovedAfterFlag, "removed-after-flag", "Nội dung đã gắn cờ bị gỡ"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Wire);

    public static string ToWire(this AlertKind kind) => Names.First(n => n.Kind == kind).Wire;

    /// <summary>The kind's name as a reader of the message sees it.</summary>
    public static string Describe(this AlertKind kind) => Names.First(n => n.Kind == kind).Vietnamese;

    public static bool TryParse(string? text, out AlertKind kind)
    {
        foreach (var (k, wire, _) in Names)
        {
            if (string.Equals(wire, text, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
