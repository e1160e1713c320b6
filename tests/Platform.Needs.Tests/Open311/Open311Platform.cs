using System.Security.Cryptography;
using Npgsql;
using Platform.SystemUnderTest;

namespace Platform.Needs.Tests.Open311;

/// <summary>The running platform with one Open311 intake channel whose api_key the tests know, and the demo district's
/// tree already copied into the Needs service (requests are placed by it).</summary>
public sealed class Open311Platform : RunningPlatform
{
    public const string ChannelId = "test-hotline";
    public const string Jurisdiction = "990101";

    public string ApiKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    protected override IDictionary<string, string> ServiceOverrides(string serviceName) => serviceName != "needs"
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>
        {
            ["Open311:Channels:0:ChannelId"] = ChannelId,
            ["Open311:Channels:0:Name"] = "测试热线",
            ["Open311:Channels:0:ApiKey"] = ApiKey,
        };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WaitForTheTreeAsync();
    }

    /// <summary>The gateway publishes the demo tree at start; the Needs service copies it from the bus shortly after.</summary>
    private async Task WaitForTheTreeAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using (var connection = new NpgsqlConnection(Services["needs"].Database))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FROM authz.org_units WHERE district_code = $1 AND unit_id = ANY($2)", connection);
                command.Parameters.Add(new() { Value = Jurisdiction });
                command.Parameters.Add(new() { Value = new[] { "xinghuananli", "xinghuananli-g1", "xinghuananli-g1-b01" } });
                if (Convert.ToInt32(await command.ExecuteScalarAsync()) == 3) return;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The Needs service did not receive the demo district's tree within 60 s.");
            await Task.Delay(250);
        }
    }
}
