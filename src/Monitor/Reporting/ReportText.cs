using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Monitor.Reporting;

/// <summary>Plain-text tables (fixed width, invariant numbers) and JSON for the reports, formulas in the footer.</summary>
public static class ReportText
{
    private static readonly string[] PlatformColumns = ["web", "youtube", "facebook", "tiktok", "zalo"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ToJson<T>(T report) => JsonSerializer.Serialize(report, Json);

    public static string Render(LeaderboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Leaderboard, cluster {report.Cluster}, items published {Period(report.From, report.To)}");
        text.AppendLine();
        var header = $"{"#",2}  {"station",-14} {"items",5} {"engagement",11} {"eng/item",9} {"views",10} {"median OP",10} {"scored",6}  {string.Join('/', PlatformColumns),-30} {"followers+",10}";
        text.AppendLine(header);
        text.AppendLine(new string('-', header.Length));
        foreach (var row in report.Rows)
        {
            var perPlatform = string.Join('/', PlatformColumns.Select(p => row.ItemsPerPlatform.GetValueOrDefault(p).ToString(CultureInfo.InvariantCulture)));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Rank,2}  {row.StationId,-14} {row.Items,5} {row.Engagement,11:N0} {row.EngagementPerItem,9:N1} {row.Views,10:N0} {Score(row.MedianOverperformance),10} {row.ScoredItems,6}  {perPlatform,-30} {Signed(row.FollowerGrowth),10}");
        }

        if (report.Rows.Count == 0)
        {
            text.AppendLine("(no station of this cluster in the configuration)");
        }

        Footer(text, report.Formulas);
        return text.ToString();
    }

    public static string Render(TopItemsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Most overperforming items, station {report.StationId}");
        text.AppendLine();
        var header = $"{"#",2}  {"platform",-9} {"published (UTC)",-16} {"engagement",10} {"views",9} {"OP 1h",7} {"OP 24h",7} {"OP 7d",7} {"story",5}  title";
        text.AppendLine(header);
        text.AppendLine(new string('-', header.Length + 20));
        foreach (var row in report.Rows)
        {
            var published = row.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "?";
            var title = row.Title.Length > 70 ? row.Title[..69] + "…" : row.Title;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Rank,2}  {row.Platform.ToString().ToLowerInvariant(),-9} {published,-16} {row.Engagement,10:N0} {(row.Views is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-"),9} {Score(row.Score1h),7} {Score(row.Score24h),7} {Score(row.Score7d),7} {row.StoryPlatforms,5}  {title}");
        }

        if (report.Rows.Count == 0)
        {
            text.AppendLine("(no items stored for this station)");
        }

        Footer(text, [.. report.Formulas, "story = number of platforms carrying the same story (shared link or near-identical title)"]);
        return text.ToString();
    }

    public static string Render(StoriesReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Stories told on several channels, cluster {report.Cluster}");
        text.AppendLine();
        var header = $"{"#",2}  {"first published",-16} {"items",5} {"engagement",10} {"views",9}  {"platforms",-32} title";
        text.AppendLine(header);
        text.AppendLine(new string('-', header.Length + 20));
        foreach (var row in report.Rows)
        {
            var published = row.FirstPublished?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "?";
            var title = row.Title.Length > 60 ? row.Title[..59] + "…" : row.Title;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Rank,2}  {published,-16} {row.Items,5} {row.Interactions,10:N0} {row.Views,9:N0}  {string.Join(',', row.Platforms),-32} {title}");
        }

        if (report.Rows.Count == 0)
        {
            text.AppendLine("(no story found on more than one channel)");
        }

        Footer(text, report.Formulas);
        return text.ToString();
    }

    private static void Footer(StringBuilder text, IEnumerable<string> formulas)
    {
        text.AppendLine();
        text.AppendLine("How the figures are computed:");
        foreach (var line in formulas)
        {
            text.Append("  ").AppendLine(line);
        }
    }

    private static string Period(DateTimeOffset? from, DateTimeOffset? to) => (from, to) switch
    {
        (null, null) => "at any time",
        ({ } f, null) => $"from {f:yyyy-MM-dd}",
        (null, { } t) => $"before {t:yyyy-MM-dd}",
        ({ } f, { } t) => $"from {f:yyyy-MM-dd} to before {t:yyyy-MM-dd}",
    };

    private static string Score(double? score) => score is { } s ? s.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) : "n/a";

    private static string Signed(long? value) => value is { } v ? v.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture) : "n/a";
}
