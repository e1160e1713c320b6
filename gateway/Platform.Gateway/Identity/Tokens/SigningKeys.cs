using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Platform.Gateway.Identity.Tokens;

/// <summary>
/// The ES256 key the gateway signs access tokens with. Taken from <c>Identity:SigningKeyPem</c> when configured (a
/// secret in production), otherwise created once and kept in the gateway's database, so that every gateway instance
/// signs with the same key and tokens survive a restart.
/// </summary>
public sealed class SigningKeys(NpgsqlDataSource dataSource, IConfiguration configuration) : IHostedLifecycleService
{
    private ECDsaSecurityKey? current;

    public ECDsaSecurityKey Current => current ?? throw new InvalidOperationException("The signing key has not been loaded yet.");

    public SigningCredentials Credentials => new(Current, SecurityAlgorithms.EcdsaSha256);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var configured = configuration[$"{Authorization.PlatformAuthentication.SectionName}:SigningKeyPem"];
        var pem = string.IsNullOrWhiteSpace(configured) ? await StoredOrNewAsync(cancellationToken) : configured;
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        current = key;
    }

    /// <summary>The public half as a JSON Web Key, for the JWKS document services fetch.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk()
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(Current);
        return new Dictionary<string, string>
        {
            ["kty"] = jwk.Kty, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y, ["kid"] = Current.KeyId, ["use"] = "sig", ["alg"] = "ES256",
        };
    }

    private async Task<string> StoredOrNewAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock(hashtext('{IdentitySchema.Name}.signing_keys'))", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        await using (var select = new NpgsqlCommand(
                         $"SELECT private_key_pem FROM {IdentitySchema.Name}.signing_keys ORDER BY created_at DESC LIMIT 1", connection, transaction))
        {
            if (await select.ExecuteScalarAsync(cancellationToken) is string stored)
            {
                await transaction.CommitAsync(cancellationToken);
                return stored;
            }
        }
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = ecdsa.ExportPkcs8PrivateKeyPem();
        await using (var insert = new NpgsqlCommand(
                         $"INSERT INTO {IdentitySchema.Name}.signing_keys (key_id, private_key_pem) VALUES ($1, $2)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid().ToString("N") });
            insert.Parameters.Add(new NpgsqlParameter { Value = pem });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return pem;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
