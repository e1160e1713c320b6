using Microsoft.Extensions.Logging;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Authorization;
using Platform.Contracts.Organization;
using Platform.Gateway.Identity.Accounts;
using Platform.Gateway.Identity.Organization;

namespace Platform.DemoLoader.Organization;

/// <summary>
/// Loads the demo district (deploy/demo/organization.json) and its logins (logins.json) through the gateway's own
/// organization commands and account store. Only what is missing is added, so loading twice, or from two places at
/// once, changes nothing.
/// </summary>
internal sealed class OrganizationDemoLoader(
    OrganizationCommands organization, OrganizationQueries queries, AccountStore accounts, NpgsqlDataSource dataSource,
    ILogger<OrganizationDemoLoader> logger)
{
    public async Task LoadAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) throw new InvalidOperationException($"The demo data folder '{folder}' does not exist.");

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('identity.demo-data'))", connection))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            var tree = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "organization.json"), cancellationToken))!;
            var districtCode = (string)tree["district"]!["code"]!;
            var units = OrganizationUnits(tree).ToList();
            var added = await organization.RegisterMissingAsync(districtCode, "demo-data", "演示数据导入", units, cancellationToken);

            var logins = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "logins.json"), cancellationToken))!.AsArray();
            var created = 0;
            foreach (var login in logins)
            {
                var user = await UserOf(login!, districtCode, cancellationToken);
                if (await accounts.CreateIfMissingAsync(user, (string)login!["password"]!, cancellationToken)) created++;
            }
            logger.LogInformation("Demo data: {Added} of {Units} organization units and {Created} of {Logins} accounts were new",
                added, units.Count, created, logins.Count);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('identity.demo-data'))", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static IEnumerable<RegisterUnit> OrganizationUnits(JsonNode tree)
    {
        var district = tree["district"]!;
        var districtCode = (string)district["code"]!;
        yield return new RegisterUnit(districtCode, OrganizationUnitKinds.District, (string)district["name"]!, null,
            Contact: ContactOf(district["organizationDepartment"]?["contact"]));

        foreach (var street in tree["streets"]!.AsArray())
        {
            var streetId = (string)street!["id"]!;
            yield return new RegisterUnit(streetId, OrganizationUnitKinds.Street, (string)street["name"]!, districtCode, Contact: ContactOf(street["office"]));
            foreach (var community in street["communities"]!.AsArray())
            {
                var communityId = (string)community!["id"]!;
                yield return new RegisterUnit(communityId, OrganizationUnitKinds.Community, (string)community["name"]!, streetId, FactsOf(community["stats"]));
                foreach (var grid in community["grids"]?.AsArray() ?? [])
                {
                    var gridId = (string)grid!["id"]!;
                    yield return new RegisterUnit(gridId, OrganizationUnitKinds.Grid, (string)grid["name"]!, communityId);
                    foreach (var building in grid["buildings"]?.AsArray() ?? [])
                        yield return new RegisterUnit((string)building!["id"]!, OrganizationUnitKinds.Building, (string)building["name"]!, gridId);
                }
            }
        }

        // Departments may hang below another department (a police station below the police bureau): parents first.
        var departments = tree["departments"]!.AsArray().Select(node => node!).ToList();
        foreach (var department in departments.OrderBy(node => node["parentId"] is null ? 0 : 1))
        {
            var parent = (string?)department["parentId"] ?? (string?)department["streetId"] ?? districtCode;
            yield return new RegisterUnit((string)department["id"]!, OrganizationUnitKinds.Department, (string)department["name"]!, parent,
                Contact: ContactOf(department["contact"]));
        }

        foreach (var unit in tree["units"]!.AsArray())
        {
            var communities = unit!["communityIds"]?.AsArray().Select(id => (string)id!).ToList() ?? [];
            var parent = communities.Count == 1 ? communities[0] : districtCode;
            yield return new RegisterUnit((string)unit["id"]!, OrganizationUnitKinds.CoBuildingUnit, (string)unit["name"]!, parent,
                new Dictionary<string, string> { ["type"] = (string?)unit["type"] ?? "" }, ContactOf(unit["contact"]));
        }
    }

    private static UnitContact? ContactOf(JsonNode? contact) =>
        contact?["name"] is null || contact["phone"] is null ? null : new UnitContact((string)contact["name"]!, (string)contact["phone"]!, (string?)contact["title"]);

    private static Dictionary<string, string>? FactsOf(JsonNode? stats) =>
        stats?.AsObject()
            .Where(fact => fact.Value is JsonValue)
            .ToDictionary(fact => fact.Key, fact => fact.Value!.GetValueKind() == JsonValueKind.String ? (string)fact.Value! : fact.Value!.ToJsonString());

    private async Task<PlatformUser> UserOf(JsonNode login, string districtCode, CancellationToken cancellationToken)
    {
        if (!PlatformRoles.TryParse((string?)login["role"], out var role))
            throw new InvalidOperationException($"Unknown role '{login["role"]}' in logins.json.");
        var scopeId = (string)login["scopeId"]!;
        var scope = (string)login["scopeType"]! == "district" ? null : await queries.FindAsync(districtCode, scopeId, cancellationToken)
            ?? throw new InvalidOperationException($"logins.json: '{login["username"]}' is scoped to unknown unit '{scopeId}'.");
        return new PlatformUser(
            (string)login["username"]!, (string)login["displayName"]!, role, districtCode,
            StreetId: scope?.StreetId,
            CommunityId: scope?.CommunityId,
            DepartmentId: scope?.Kind == OrganizationUnitKinds.Department ? scope.UnitId : null,
            UnitId: scope?.Kind == OrganizationUnitKinds.CoBuildingUnit ? scope.UnitId : null);
    }
}
