using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using Platform.SystemUnderTest;

namespace Platform.Security.Tests;

/// <summary>The rules hold in the services themselves, for a request that does not come through the gateway.</summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class ServiceEnforcementTests(SecuredPlatform platform)
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

    [Fact]
    public async Task A_change_to_the_tree_is_decided_under_the_districts_lock_and_reaches_every_services_copy_at_its_revision()
    {
        using var admin = await platform.LoginAsync("district-admin");
        var grids = Enumerable.Range(1, 4).Select(n => $"probe-{Guid.NewGuid():N}-{n}").ToList();

        // Concurrent changes of one district wait for each other instead of failing on a version conflict.
        var registrations = await Task.WhenAll(grids.Select(grid =>
            admin.PostAsJsonAsync("api/identity/organization/units", new { unitId = grid, kind = "grid", name = "探测网格", parentId = "xinghuananli" })));
        using var registeredTwice = await admin.PostAsJsonAsync("api/identity/organization/units",
            new { unitId = grids[0], kind = "grid", name = "探测网格", parentId = "xinghuananli" });
        using var renamed = await admin.PostAsJsonAsync($"api/identity/organization/units/{grids[0]}/rename", new { name = "改名的探测网格" });
        using var closed = await admin.PostAsJsonAsync($"api/identity/organization/units/{grids[0]}/close", new { reason = "探测结束" });
        using var renamedWhenClosed = await admin.PostAsJsonAsync($"api/identity/organization/units/{grids[0]}/rename", new { name = "再改名" });

        Assert.All(registrations, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        foreach (var response in registrations) response.Dispose();
        Assert.Equal(HttpStatusCode.Conflict, registeredTwice.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, renamedWhenClosed.StatusCode);

        // The gateway's rows carry the version of the event that last changed them, as the stream holds it.
        var closedAt = await EventVersion(grids[0], "organization.unit-closed.v1");
        Assert.Equal(("改名的探测网格", true, closedAt), await UnitRow(platform.GatewayDatabase, "identity.org_units", grids[0]));
        foreach (var grid in grids.Skip(1))
            Assert.Equal(("探测网格", false, await EventVersion(grid, "organization.unit-registered.v1")), await UnitRow(platform.GatewayDatabase, "identity.org_units", grid));

        // Each service takes a message only when it is newer than its row, so a wrong revision would leave it behind.
        foreach (var (service, (_, database)) in platform.Services)
        {
            var copy = await UnitRow(database, "authz.org_units", grids[0]);
            for (var attempt = 0; attempt < 150 && copy != ("改名的探测网格", true, closedAt); attempt++)
            {
                await Task.Delay(200);
                copy = await UnitRow(database, "authz.org_units", grids[0]);
            }
            Assert.True(copy == ("改名的探测网格", true, closedAt), $"{service} holds {copy}");
        }
    }

    private async Task<long> EventVersion(string unitId, string eventType)
    {
        await using var connection = new NpgsqlConnection(platform.GatewayDatabase);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version FROM identity.mt_events WHERE stream_id = 'organization-990101' AND type = $1 AND data->>'unitId' = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = eventType });
        command.Parameters.Add(new NpgsqlParameter { Value = unitId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(string? Name, bool Closed, long Revision)> UnitRow(string database, string table, string unitId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT name, closed, revision FROM {table} WHERE unit_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = unitId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2)) : (null, false, 0);
    }

    private static async Task<long> CountUnits(string database, string table)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
