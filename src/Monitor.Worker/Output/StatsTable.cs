using System.Globalization;
using Monitor.Reporting;
using Monitor.Storage;
using Spectre.Console;

namespace Monitor.Worker.Output;

/// <summary>The <c>stats</c> table: one row per station and platform, then the totals.</summary>
internal static class StatsTable
{
    public static void Write(IAnsiConsole console, StoreStats stats, string storePath)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Store {Markup.Escape(storePath)}");
        table.AddColumns("Station", "Platform", "Items", "Observations", "Comments", "Flagged", "First published", "Last published");
        foreach (var column in table.Columns.Skip(2).Take(4))
        {
            column.RightAligned();
        }

        foreach (var group in stats.Groups)
        {
            table.AddRow(
                Markup.Escape(group.Station),
                Markup.Escape(group.Platform),
                Count(group.Items),
                Count(group.Observations),
                Count(group.Comments),
                Count(group.Flagged),
                Time(group.FirstPublished),
                Time(group.LastPublished));
        }

        table.AddEmptyRow();
        table.AddRow("[bold]Total[/]", string.Empty, Count(stats.Items), Count(stats.Observations), Count(stats.Comments), Count(stats.Flagged), Time(stats.Groups.Min(g => g.FirstPublished)), Time(stats.Groups.Max(g => g.LastPublished)));
        console.Write(table);
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset? value) => value is { } v ? StatsJson.FormatTime(v) : "-";
}
