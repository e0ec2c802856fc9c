using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Triage;

namespace Monitor.Storage.Sqlite;

/// <summary>The inbox's counts per status: from summary_flags when the filter is stations and whole hours, else over the flags themselves.</summary>
internal sealed partial class SqliteContentStore
{
    /// <summary>A query of (status, count) rows for the filter, its status part left out (every status is counted).</summary>
    private static string FlagCountsSql(SqliteCommand command, FlagFilter filter)
    {
        if (filter.Platform is not null || filter.Source is not null || filter.Severity is not null || filter.Assignee is not null || filter.ItemId is not null
            || filter.From is { } f && f.UtcTicks % TimeSpan.TicksPerHour != 0
            || filter.To is { } t && t.UtcTicks % TimeSpan.TicksPerHour != 0)
        {
            return $"SELECT t.status, COUNT(*) FROM flag_triage t WHERE {TriageWhere(command, filter, withStatus: false)} GROUP BY t.status";
        }

        // A flag is counted in the hour it was raised in, so whole-hour bounds select exactly the flags a
        // raised_at comparison would; a flag without a station is kept under '' and matches no station list.
        var where = new StringBuilder("1 = 1");
        if (filter.Stations is { } stations)
        {
            where.Append(stations.Count == 0 ? " AND 0 = 1" : $" AND f.station_id IN ({InList(command, "$st", stations)})");
        }

        if (filter.From is { } from)
        {
            where.Append(" AND f.at >= $from");
            command.Parameters.AddWithValue("$from", SqliteTime.Write(from));
        }

        if (filter.To is { } to)
        {
            where.Append(" AND f.at < $to");
            command.Parameters.AddWithValue("$to", SqliteTime.Write(to));
        }

        return $"SELECT f.status, SUM(f.flags) FROM summary_flags f WHERE {where} GROUP BY f.status HAVING SUM(f.flags) > 0";
    }
}
