using Microsoft.AspNetCore.Identity;
using Npgsql;
using Platform.Authorization;

namespace Platform.Gateway.Identity.Accounts;

public sealed record Account(PlatformUser User, string PasswordHash, DateTimeOffset? LockedUntil);

/// <summary>The platform's own accounts, for local and demo use. Passwords are hashed with ASP.NET Core's
/// password hasher (PBKDF2); repeated failures lock the username for a while, whether an account has it or not.</summary>
public sealed class AccountStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<PlatformUser> Hasher = new();

    public static string Hash(PlatformUser user, string password) => Hasher.HashPassword(user, password);

    public static bool Verify(Account account, string password) =>
        Hasher.VerifyHashedPassword(account.User, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    public async Task<Account?> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT a.username, a.display_name, a.role, a.district_code, a.street_id, a.community_id, a.department_id, a.unit_id,
                   a.password_hash, f.locked_until
            FROM {IdentitySchema.Name}.accounts AS a
            LEFT JOIN {IdentitySchema.Name}.login_failures AS f ON f.username = a.username
            WHERE a.username = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        if (!PlatformRoles.TryParse(reader.GetString(2), out var role)) return null;
        var user = new PlatformUser(
            reader.GetString(0), reader.GetString(1), role, reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7));
        return new Account(user, reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9));
    }

    /// <summary>Until when logins with this username are refused, if they are now.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT locked_until FROM {IdentitySchema.Name}.login_failures WHERE username = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime until && until > clock.GetUtcNow().UtcDateTime
            ? new DateTimeOffset(until, TimeSpan.Zero)
            : null;
    }

    /// <summary>Counts a failed login for a username (an account's or not) and returns the lock's end when this failure
    /// locks it.</summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(string username, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {IdentitySchema.Name}.login_failures AS f (username, failed_attempts, locked_until)
            VALUES ($1, 1, NULL)
            ON CONFLICT (username) DO UPDATE
               SET failed_attempts = CASE WHEN f.failed_attempts + 1 >= $2 THEN 0 ELSE f.failed_attempts + 1 END,
                   locked_until = CASE WHEN f.failed_attempts + 1 >= $2 THEN $3 ELSE f.locked_until END
            RETURNING locked_until
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        command.Parameters.Add(new NpgsqlParameter { Value = FailuresBeforeLockout });
        command.Parameters.Add(new NpgsqlParameter { Value = now + LockoutDuration });
        var lockedUntil = await command.ExecuteScalarAsync(cancellationToken);
        return lockedUntil is DateTime until && until > now.UtcDateTime ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    public async Task RecordSuccessAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {IdentitySchema.Name}.login_failures WHERE username = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates the account unless one with that name exists; returns whether it was created.</summary>
    public async Task<bool> CreateIfMissingAsync(PlatformUser user, string password, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {IdentitySchema.Name}.accounts
                (username, display_name, role, district_code, street_id, community_id, department_id, unit_id, password_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (username) DO NOTHING
            """);
        foreach (var value in new object?[]
                 {
                     user.UserId, user.DisplayName, user.Role.Code(), user.DistrictCode, user.StreetId, user.CommunityId, user.DepartmentId,
                     user.UnitId, Hash(user, password),
                 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> ExistsAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT 1 FROM {IdentitySchema.Name}.accounts WHERE username = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
