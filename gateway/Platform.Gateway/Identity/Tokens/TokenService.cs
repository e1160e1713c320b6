using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Platform.Authorization;

namespace Platform.Gateway.Identity.Tokens;

public sealed record IssuedTokens(string AccessToken, int ExpiresIn, string RefreshToken);

/// <summary>
/// Short-lived signed access tokens and rotating refresh tokens. A refresh token works once; presenting one that was
/// already used means it was stolen or replayed, so its whole family is revoked.
/// </summary>
public sealed class TokenService(SigningKeys keys, NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration)
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(8);

    public string Issuer => configuration[$"{PlatformAuthentication.SectionName}:Issuer"]
        ?? throw new InvalidOperationException("Identity:Issuer is not configured.");

    public string CreateAccessToken(PlatformUser user, DateTimeOffset? issuedAt = null)
    {
        var now = issuedAt ?? clock.GetUtcNow();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = PlatformAuthentication.Audience,
            Subject = new System.Security.Claims.ClaimsIdentity(user.ToClaims()),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + AccessTokenLifetime).UtcDateTime,
            SigningCredentials = keys.Credentials,
        });
    }

    public async Task<IssuedTokens> IssueAsync(PlatformUser user, CancellationToken cancellationToken) =>
        new(CreateAccessToken(user), (int)AccessTokenLifetime.TotalSeconds, await CreateRefreshTokenAsync(user.UserId, Guid.NewGuid(), cancellationToken));

    /// <summary>Exchanges a refresh token for new tokens; null when it is unknown, expired, revoked or replayed.</summary>
    public async Task<(string Username, IssuedTokens Tokens)?> RefreshAsync(
        string refreshToken, Func<string, CancellationToken, Task<PlatformUser?>> findUser, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand($"""
            SELECT username, family, expires_at, used_at, revoked_at FROM {IdentitySchema.Name}.refresh_tokens
            WHERE token_hash = $1 FOR UPDATE
            """, connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = HashOf(refreshToken) });
        string username;
        Guid family;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) return null;
            username = reader.GetString(0);
            family = reader.GetGuid(1);
            var expired = reader.GetFieldValue<DateTimeOffset>(2) <= now;
            var used = !reader.IsDBNull(3);
            var revoked = !reader.IsDBNull(4);
            if (used && !revoked)
            {
                await reader.DisposeAsync();
                await RevokeFamilyAsync(connection, transaction, family, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return null;
            }
            if (expired || revoked) return null;
        }
        await using (var markUsed = new NpgsqlCommand(
                         $"UPDATE {IdentitySchema.Name}.refresh_tokens SET used_at = $2 WHERE token_hash = $1", connection, transaction))
        {
            markUsed.Parameters.Add(new NpgsqlParameter { Value = HashOf(refreshToken) });
            markUsed.Parameters.Add(new NpgsqlParameter { Value = now });
            await markUsed.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);

        var user = await findUser(username, cancellationToken);
        if (user is null) return null;
        var next = await CreateRefreshTokenAsync(username, family, cancellationToken);
        return (username, new IssuedTokens(CreateAccessToken(user), (int)AccessTokenLifetime.TotalSeconds, next));
    }

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE {IdentitySchema.Name}.refresh_tokens SET revoked_at = $2
            WHERE family = (SELECT family FROM {IdentitySchema.Name}.refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = HashOf(refreshToken) });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<string> CreateRefreshTokenAsync(string username, Guid family, CancellationToken cancellationToken)
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {IdentitySchema.Name}.refresh_tokens (token_hash, username, family, expires_at) VALUES ($1, $2, $3, $4)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = HashOf(token) });
        command.Parameters.Add(new NpgsqlParameter { Value = username });
        command.Parameters.Add(new NpgsqlParameter { Value = family });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() + RefreshTokenLifetime });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return token;
    }

    private static async Task RevokeFamilyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid family, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"UPDATE {IdentitySchema.Name}.refresh_tokens SET revoked_at = $2 WHERE family = $1 AND revoked_at IS NULL", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = family });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Only hashes are stored: a database leak does not hand out sessions.</summary>
    private static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
