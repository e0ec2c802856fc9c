using System.Globalization;
using System.Text;
using System.Text.Json;
using Monitor.Storage;

namespace Monitor.Reporting;

/// <summary>
/// The <c>stats --json</c> shape, written field by field so it stays exactly as documented:
/// <c>{"items","observations","comments","flagged","groups":[{"station","platform","items",
/// "observations","comments","flagged","firstPublished","lastPublished"}]}</c>; times ISO-8601 UTC
/// (null when no item of the group has a publish time).
/// </summary>
public static class StatsJson
{
    public static string Write(StoreStats stats, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(stats);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteNumber("items", stats.Items);
            json.WriteNumber("observations", stats.Observations);
            json.WriteNumber("comments", stats.Comments);
            json.WriteNumber("flagged", stats.Flagged);
            json.WriteStartArray("groups");
            foreach (var group in stats.Groups)
            {
                json.WriteStartObject();
                json.WriteString("station", group.Station);
                json.WriteString("platform", group.Platform);
                json.WriteNumber("items", group.Items);
                json.WriteNumber("observations", group.Observations);
                json.WriteNumber("comments", group.Comments);
                json.WriteNumber("flagged", group.Flagged);
                WriteTime(json, "firstPublished", group.FirstPublished);
                WriteTime(json, "lastPublished", group.LastPublished);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, FormatTime(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
