using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Storage.Postgres;

/// <summary>
/// Parameter and column conversions the PostgreSQL state shares. Times are <c>timestamptz</c>, which
/// Npgsql only accepts as UTC, so every instant is converted on the way in.
/// </summary>
internal static class PostgresValues
{
    public static NpgsqlParameter Nullable(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Nullable(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    public static NpgsqlParameter Nullable(long? value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value is { } v ? v : DBNull.Value };

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? Time(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
