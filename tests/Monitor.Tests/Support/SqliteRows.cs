using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Monitor.Tests.Support;

/// <summary>An oracle's rows, read straight from a store file: each row its values joined by spaces (null as empty).</summary>
public static class SqliteRows
{
    public static async Task<List<string>> ReadAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(c => reader.IsDBNull(c) ? "" : Convert.ToString(reader.GetValue(c), CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
