using Marten;
using Platform.Authorization;
using Platform.Contracts.Organization;
using Platform.EventSourcing.Audit;
using Platform.ServiceDefaults.Audit;

namespace Platform.Gateway.Identity.Organization;

public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/identity/organization").WithTags("Organization");

        group.MapGet("", GetTree).RequireAccess(IdentityActions.ReadOrganization)
            .WithName("GetOrganization").WithSummary("本区的行政区划树，限于调用者的工作范围。");
        group.MapGet("/units/{id}", GetUnit).RequireAccess(IdentityActions.ReadOrganization)
            .WithName("GetOrganizationUnit").WithSummary("一个组织单元及其上级路径、下级和基本情况；联系人信息除经办人员外脱敏显示。");
        group.MapPost("/units", RegisterUnit).RequireAccess(IdentityActions.ManageOrganization)
            .WithName("RegisterOrganizationUnit").WithSummary("在已有单元下新增组织单元。");
        UnitCommand<RenameUnitRequest>(group, "rename", "RenameOrganizationUnit", (unitId, request) => new RenameUnit(unitId, request.Name ?? ""));
        UnitCommand<CloseUnitRequest>(group, "close", "CloseOrganizationUnit", (unitId, request) => new CloseUnit(unitId, request.Reason ?? ""));
        return endpoints;
    }

    public sealed record TreeNode(string Id, string Name, IReadOnlyList<TreeNode>? Streets = null, IReadOnlyList<TreeNode>? Communities = null, IReadOnlyList<TreeNode>? Grids = null);

    public sealed record TreeResponse(TreeNode District);

    private static async Task<IResult> GetTree(HttpContext http, AccessGuard guard, OrganizationQueries queries, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var units = await queries.TerritoryAsync(user.DistrictCode, cancellationToken);
        var district = units.FirstOrDefault(unit => unit.Kind == OrganizationUnitKinds.District);
        if (district is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "本区尚未建立组织架构");

        // Names of places are public; what a scope limits is which places a user works in. A department or a
        // co-building unit works wherever a case or a community calls on it, so it reads every place by name.
        bool Visible(OrganizationUnitRow unit) => user.Role switch
        {
            PlatformRole.DistrictAdmin or PlatformRole.Auditor or PlatformRole.DepartmentStaff or PlatformRole.UnitMember => true,
            PlatformRole.StreetStaff => unit.StreetId == user.StreetId,
            PlatformRole.CommunityStaff or PlatformRole.Resident or PlatformRole.Volunteer => user.CommunityId is not null && unit.CommunityId == user.CommunityId,
            _ => false,
        };
        var byParent = units.Where(unit => unit.ParentId is not null).ToLookup(unit => unit.ParentId!);
        var streets = byParent[district.UnitId]
            .Where(street => street.Kind == OrganizationUnitKinds.Street)
            .Select(street => new TreeNode(street.UnitId, street.Name, Communities: byParent[street.UnitId]
                .Where(community => community.Kind == OrganizationUnitKinds.Community && Visible(community))
                .Select(community => new TreeNode(community.UnitId, community.Name, Grids: byParent[community.UnitId]
                    .Where(grid => grid.Kind == OrganizationUnitKinds.Grid)
                    .Select(grid => new TreeNode(grid.UnitId, grid.Name)).ToList()))
                .ToList()))
            .Where(street => street.Communities!.Count > 0 || user.Role is PlatformRole.DistrictAdmin or PlatformRole.Auditor || street.Id == user.StreetId)
            .ToList();
        return TypedResults.Ok(new TreeResponse(new TreeNode(district.UnitId, district.Name, Streets: streets)));
    }

    public sealed record UnitReference(string Id, string Kind, string Name);

    public sealed record ContactView(string Name, string Phone, string? Title, bool Masked);

    public sealed record UnitResponse(
        string Id, string Kind, string Name, string? ParentId, bool Closed, IReadOnlyList<UnitReference> Path,
        IReadOnlyList<UnitReference> Children, IReadOnlyDictionary<string, string>? Facts, ContactView? Contact);

    /// <remarks>The route says {id}, not {unitId}: any kind of unit is addressed here, and "unitId" is the
    /// co-building unit scope parameter that the access rules check by themselves.</remarks>
    private static async Task<IResult> GetUnit(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "id")] string unitId, HttpContext http, AccessGuard guard, OrganizationQueries queries, IDocumentStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var unit = await queries.FindAsync(user.DistrictCode, unitId, cancellationToken) ?? throw new UnknownOrganizationUnitException(unitId);
        guard.EnsureCovers(user, unit.LocationIn(user.DistrictCode), $"「{unit.Name}」");

        var path = new List<UnitReference>();
        for (var parentId = unit.ParentId; parentId is not null;)
        {
            var parent = await queries.FindAsync(user.DistrictCode, parentId, cancellationToken);
            if (parent is null) break;
            path.Insert(0, new UnitReference(parent.UnitId, parent.Kind, parent.Name));
            parentId = parent.ParentId;
        }
        var children = (await queries.ChildrenAsync(user.DistrictCode, unitId, cancellationToken))
            .Select(child => new UnitReference(child.UnitId, child.Kind, child.Name)).ToList();

        ContactView? contact = null;
        if (unit.Contact is { } person)
        {
            if (HandlesContactsOf(user, unit))
            {
                contact = new ContactView(person.Name, person.Phone, person.Title, Masked: false);
                await store.RecordUnmaskedViewAsync(http, user, unit.Kind, unit.UnitId, unit.Name, ["contact.name", "contact.phone"], clock, cancellationToken);
            }
            else
            {
                contact = new ContactView(PersonalData.MaskName(person.Name), PersonalData.MaskPhone(person.Phone), person.Title, Masked: true);
            }
        }
        return TypedResults.Ok(new UnitResponse(unit.UnitId, unit.Kind, unit.Name, unit.ParentId, unit.Closed, path, children, unit.Facts, contact));
    }

    /// <summary>Who works with a unit's contact person: the district office for every unit, a community's staff for
    /// the units inside it, and a unit's or department's own people for themselves.</summary>
    private static bool HandlesContactsOf(PlatformUser user, OrganizationUnitRow unit) => user.Role switch
    {
        PlatformRole.DistrictAdmin => true,
        PlatformRole.CommunityStaff => unit.CommunityId is not null && unit.CommunityId == user.CommunityId,
        PlatformRole.UnitMember => unit.UnitId == user.UnitId,
        PlatformRole.DepartmentStaff => unit.UnitId == user.DepartmentId,
        _ => false,
    };

    public sealed record RegisterUnitRequest(string? UnitId, string? Kind, string? Name, string? ParentId, Dictionary<string, string>? Facts, UnitContact? Contact);

    private static async Task<IResult> RegisterUnit(
        RegisterUnitRequest request, HttpContext http, AccessGuard guard, OrganizationCommands commands, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var command = new RegisterUnit(request.UnitId ?? "", request.Kind ?? "", request.Name ?? "", request.ParentId, request.Facts, request.Contact);
        await commands.RegisterAsync(user, [command], cancellationToken);
        return TypedResults.Created($"/api/identity/organization/units/{command.UnitId}", new UnitReference(command.UnitId, command.Kind, command.Name));
    }

    public sealed record RenameUnitRequest(string? Name);

    public sealed record CloseUnitRequest(string? Reason);

    private static void UnitCommand<TRequest>(RouteGroupBuilder group, string verb, string name, Func<string, TRequest, OrganizationCommand> toCommand) =>
        group.MapPost($"/units/{{id}}/{verb}", async (
                [Microsoft.AspNetCore.Mvc.FromRoute(Name = "id")] string unitId, TRequest request, HttpContext http, AccessGuard guard, OrganizationCommands commands,
                CancellationToken cancellationToken) =>
            {
                await commands.HandleAsync(guard.CurrentUser(http), toCommand(unitId, request), cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAccess(IdentityActions.ManageOrganization).WithName(name);
}
