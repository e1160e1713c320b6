using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults;
using Platform.Storage;

namespace Platform.Needs.Open311;

/// <summary>A system allowed to raise needs through Open311 (a hotline, a city app), known by its api_key.</summary>
public sealed record IntakeChannel(string TenantId, string ChannelId, string Name);

/// <summary>
/// The intake channels, in the owning service's schema (its table intake_channels, created at start). Keys are stored
/// only as SHA-256 (a leaked table gives nobody a key), and a presented key is compared with every live channel's hash
/// in constant time, so the answer's timing says nothing about how close a guess was.
/// </summary>
public sealed class IntakeChannels(NpgsqlDataSource dataSource, string schema) : IHostedService
{
    private readonly string table = $"{schema}.intake_channels";

    public Task StartAsync(CancellationToken cancellationToken) => SchemaScript.ApplyAsync(dataSource, $"{schema}-intake-channels", $"""
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE IF NOT EXISTS {table} (
            tenant_id text NOT NULL,
            channel_id text NOT NULL,
            name text NOT NULL,
            api_key_hash bytea NOT NULL UNIQUE,
            created_at timestamptz NOT NULL DEFAULT now(),
            revoked_at timestamptz,
            PRIMARY KEY (tenant_id, channel_id));
        """, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    /// <summary>Whose Idempotency-Key an Open311 request uses: the holder of its api_key, known by the key's hash.</summary>
    public static async Task<string?> KeyHolderAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var apiKey = form?["api_key"].FirstOrDefault() ?? http.Request.Query["api_key"].FirstOrDefault();
        return string.IsNullOrEmpty(apiKey) ? null : $"api-key:{Convert.ToHexString(Hash(apiKey))}";
    }

    public async Task<IntakeChannel?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        var presented = Hash(apiKey);
        IntakeChannel? match = null;
        await using var command = dataSource.CreateCommand($"SELECT tenant_id, channel_id, name, api_key_hash FROM {table} WHERE revoked_at IS NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stored = reader.GetFieldValue<byte[]>(3);
            // No early exit: every live channel is compared, whichever matches.
            if (CryptographicOperations.FixedTimeEquals(stored, presented))
                match = new IntakeChannel(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
        return match;
    }

    /// <summary>
    /// Creates the channel or brings it to the configured name and key. A new key lifts a revocation (it is a new
    /// credential); the same key again leaves a revoked channel revoked, so a restart never undoes an operator's revocation.
    /// </summary>
    public async Task UpsertAsync(string tenantId, IntakeChannelSetting channel, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {table} (tenant_id, channel_id, name, api_key_hash) VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, channel_id) DO UPDATE
               SET name = excluded.name,
                   api_key_hash = excluded.api_key_hash,
                   revoked_at = CASE WHEN intake_channels.api_key_hash = excluded.api_key_hash THEN intake_channels.revoked_at END
             WHERE intake_channels.name IS DISTINCT FROM excluded.name OR intake_channels.api_key_hash IS DISTINCT FROM excluded.api_key_hash
            """);
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = channel.ChannelId });
        command.Parameters.Add(new() { Value = channel.Name });
        command.Parameters.Add(new() { Value = Hash(channel.ApiKey) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Creates the configured intake channels once the host has started (after the schema exists), idempotently, so the
/// platform script can hand a demo key to the service through its environment. A malformed channel stops the start.
/// </summary>
public sealed partial class IntakeChannelSeeder(IntakeChannels channels, IOptions<Open311Options> options, ILogger<IntakeChannelSeeder> logger)
    : IHostedLifecycleService
{
    /// <summary>Keys shorter than this could be guessed within the gateway's rate limits.</summary>
    public const int MinimumApiKeyLength = 24;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Channels;
        for (var index = 0; index < configured.Count; index++)
        {
            var channel = configured[index];
            var at = $"{Open311Options.SectionName}:Channels:{index}";
            if (!ChannelIdPattern().IsMatch(channel.ChannelId))
                throw new InvalidPlatformConfigurationException($"'{at}:ChannelId' must be 1–40 letters, digits, '.', '_' or '-'; it is '{channel.ChannelId}'.");
            if (string.IsNullOrWhiteSpace(channel.Name) || channel.Name.Length > 100)
                throw new InvalidPlatformConfigurationException($"'{at}:Name' must be 1–100 characters.");
            if (channel.ApiKey.Length < MinimumApiKeyLength)
                throw new InvalidPlatformConfigurationException($"'{at}:ApiKey' must have at least {MinimumApiKeyLength} characters.");
            try
            {
                await channels.UpsertAsync(options.Value.JurisdictionId, channel, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new InvalidPlatformConfigurationException($"'{at}:ApiKey' is already the key of another intake channel; every channel needs its own key.");
            }
        }
        if (configured.Count > 0) logger.LogInformation("Open311 intake channels ready: {Channels}", string.Join(", ", configured.Select(channel => channel.ChannelId)));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex ChannelIdPattern();
}
