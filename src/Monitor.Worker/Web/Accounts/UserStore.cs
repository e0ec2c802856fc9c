using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Monitor.Worker.Web.Accounts;

/// <summary>
/// Local accounts in their own SQLite file beside the store's (so they work whichever store holds
/// the content). Passwords are kept as ASP.NET Core <see cref="PasswordHasher{TUser}"/> hashes; an API
/// token is shown once and only its SHA-256 is kept. Five wrong passwords in a row lock the account
/// for <see cref="LockoutDuration"/>.
/// </summary>
public sealed class UserStore(string path, TimeProvider clock)
{
    public const int MaxFailedLogins = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private readonly PasswordHasher<string> hasher = new();
    private int created;

    public string Path => path;

    /// <summary>The accounts file for a store file: <c>data/monitor.db</c> → <c>data/monitor-users.db</c>.</summary>
    public static string PathFor(string storePath)
    {
        var full = System.IO.Path.GetFullPath(storePath);
        return System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFileNameWithoutExtension(full) + "-users.db");
    }

    public async Task AddAsync(string name, UserRole role, string? stationId, string password, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        ValidatePassword(password);
        if ((role == UserRole.Station) != (stationId is not null))
        {
            throw new ArgumentException("A station account needs --station ID, and only a station account takes one.", nameof(stationId));
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users (name, role, station_id, password_hash, disabled, failed_logins, locked_until, created_at)
            VALUES ($name, $role, $station, $hash, 0, 0, NULL, $now)
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", role.ToWire());
        command.Parameters.AddWithValue("$station", (object?)stationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", hasher.HashPassword(name, password));
        command.Parameters.AddWithValue("$now", Now());
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException($"The account '{name}' already exists.", exception);
        }
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users ORDER BY name";
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public Task<bool> DisableAsync(string name, CancellationToken cancellationToken = default) =>
        UpdateAsync("UPDATE users SET disabled = 1 WHERE name = $name", name, null, cancellationToken);

    /// <summary>Sets a new password and lifts a lockout; the account's API token is revoked with the old password.</summary>
    public async Task<bool> ResetPasswordAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        ValidatePassword(password);
        var done = await UpdateAsync(
            "UPDATE users SET password_hash = $value, failed_logins = 0, locked_until = NULL WHERE name = $name", name, hasher.HashPassword(name, password), cancellationToken);
        if (done)
        {
            await UpdateAsync("DELETE FROM tokens WHERE user_name = $name", name, null, cancellationToken);
        }

        return done;
    }

    /// <summary>A new API token for the account (replacing its previous one); null when there is no such account.</summary>
    public async Task<string?> IssueTokenAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(name, cancellationToken) is null)
        {
            return null;
        }

        var token = "mon_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM tokens WHERE user_name = $name";
            delete.Parameters.AddWithValue("$name", name);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO tokens (token_hash, user_name, created_at) VALUES ($hash, $name, $now)";
            insert.Parameters.AddWithValue("$hash", TokenHash(token));
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$now", Now());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>The enabled account a bearer token belongs to, or null.</summary>
    public async Task<UserAccount?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE name = (SELECT user_name FROM tokens WHERE token_hash = $hash) AND disabled = 0";
        command.Parameters.AddWithValue("$hash", TokenHash(token));
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// Checks a password. A wrong one counts towards the lockout; the fifth in a row locks the
    /// account, so the sixth attempt is refused as locked, and while it is locked even the right
    /// password is refused.
    /// </summary>
    public async Task<(SignInOutcome Outcome, UserAccount? Account)> SignInAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        string? hash = null;
        UserAccount? account = null;
        await using (var find = connection.CreateCommand())
        {
            find.CommandText = $"SELECT {Columns}, password_hash FROM users WHERE name = $name";
            find.Parameters.AddWithValue("$name", name);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                account = Read(reader);
                hash = reader.GetString(7);
            }
        }

        if (account is null || hash is null)
        {
            // Hash anyway, so a missing account answers as slowly as a wrong password.
            hasher.VerifyHashedPassword(name, hasher.HashPassword(name, "x"), password);
            return (SignInOutcome.WrongNameOrPassword, null);
        }

        var now = clock.GetUtcNow();
        if (account.LockedUntil is { } until && until > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (account.Disabled)
        {
            return (SignInOutcome.Disabled, null);
        }

        if (hasher.VerifyHashedPassword(name, hash, password) == PasswordVerificationResult.Failed)
        {
            var failures = account.FailedLogins + 1;
            await using var fail = connection.CreateCommand();
            fail.CommandText = "UPDATE users SET failed_logins = $failures, locked_until = $until WHERE name = $name";
            fail.Parameters.AddWithValue("$failures", failures >= MaxFailedLogins ? 0 : failures);
            fail.Parameters.AddWithValue("$until", failures >= MaxFailedLogins ? Format(now + LockoutDuration) : DBNull.Value);
            fail.Parameters.AddWithValue("$name", name);
            await fail.ExecuteNonQueryAsync(cancellationToken);
            // The fifth wrong password still reads "wrong"; from the sixth attempt on, the account answers "locked".
            return (SignInOutcome.WrongNameOrPassword, null);
        }

        await using var ok = connection.CreateCommand();
        ok.CommandText = "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE name = $name";
        ok.Parameters.AddWithValue("$name", name);
        await ok.ExecuteNonQueryAsync(cancellationToken);
        return (SignInOutcome.SignedIn, account with { FailedLogins = 0, LockedUntil = null });
    }

    private const string Columns = "name, role, station_id, disabled, failed_logins, locked_until, created_at";

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("An account name is 1-64 characters without spaces.", nameof(name));
        }
    }

    private static void ValidatePassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            throw new ArgumentException("A password needs at least 10 characters.", nameof(password));
        }
    }

    private static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private string Now() => Format(clock.GetUtcNow());

    private static UserAccount Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        UserRoles.TryParse(reader.GetString(1), out var role) ? role : UserRole.Analyst,
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetInt64(3) != 0,
        reader.GetInt32(4),
        reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));

    private static async Task<IReadOnlyList<UserAccount>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var accounts = new List<UserAccount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    private async Task<bool> UpdateAsync(string sql, string name, string? value, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", name);
        if (value is not null)
        {
            command.Parameters.AddWithValue("$value", value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(cancellationToken);
        if (Interlocked.Exchange(ref created, 1) == 0)
        {
            await using var schema = connection.CreateCommand();
            schema.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS users (
                    name TEXT NOT NULL PRIMARY KEY,
                    role TEXT NOT NULL,
                    station_id TEXT,
                    password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL,
                    failed_logins INTEGER NOT NULL,
                    locked_until TEXT,
                    created_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS tokens (
                    token_hash TEXT NOT NULL PRIMARY KEY,
                    user_name TEXT NOT NULL,
                    created_at TEXT NOT NULL);
                """;
            await schema.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }
}
