using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using Platform.SystemUnderTest;

namespace Platform.Security.Tests;

/// <summary>The rules hold in the services themselves, for a request that does not come through the gateway.</summary>
public sealed class ServiceEnforcementTests(SecuredPlatform platform) : IClassFixture<SecuredPlatform>
{
    [Theory]
    [InlineData("needs")]
    [InlineData("resources")]
    [InlineData("projects")]
    [InlineData("volunteers")]
    public async Task A_service_called_directly_checks_the_token_and_the_role_itself(string service)
    {
        using var direct = new HttpClient { BaseAddress = platform.Services[service].Address };
        using var withoutToken = await direct.PostAsync("diagnostics/pings", null);

        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.AccessTokenAsync("xinghua-staff"));
        using var wrongRole = await direct.PostAsync("diagnostics/pings", null);

        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.AccessTokenAsync("district-admin"));
        using var rightRole = await direct.PostAsync("diagnostics/pings", null);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, rightRole.StatusCode);
    }

    [Fact]
    public async Task Every_service_keeps_its_own_copy_of_the_org_tree_from_the_organization_events()
    {
        var expected = await CountUnits(platform.GatewayDatabase, "identity.org_units");
        Assert.True(expected > 1000, $"the demo district has {expected} units");

        foreach (var (service, (_, database)) in platform.Services)
        {
            long copied = 0;
            for (var attempt = 0; attempt < 300 && copied < expected; attempt++)
            {
                copied = await CountUnits(database, "authz.org_units");
                if (copied < expected) await Task.Delay(200);
            }
            Assert.True(copied == expected, $"{service} holds {copied} of {expected} units");
        }
    }

    private static async Task<long> CountUnits(string database, string table)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
