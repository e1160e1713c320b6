using Platform.Authorization;
using OrganizationUnitKinds = Platform.Contracts.Organization.OrganizationUnitKinds;

namespace Platform.Needs.Open311;

/// <summary>
/// Turns GeoReport's location parameters into a place of the district's org tree. The tree has no coordinates, so a
/// request is placed by <c>address_id</c> (a community, grid or building id) or by an <c>address_string</c> that names
/// a community; lat/long alone cannot be placed. Reads the service's own copy of the tree (OrganizationDirectory).
/// </summary>
public sealed class Open311Places(OrganizationDirectory directory)
{
    /// <summary>The longest one wins, so "兴华南里社区" is not taken for a shorter name it happens to contain.</summary>
    public async Task<(Open311Address? Address, IReadOnlyList<string> Ambiguous)> ByAddressStringAsync(
        string tenantId, string addressString, string? addressText, CancellationToken cancellationToken)
    {
        var matches = new List<(OrganizationUnit Community, int Length)>();
        foreach (var community in await CommunitiesAsync(tenantId, cancellationToken))
        {
            var length = MatchLength(community.Name, addressString);
            if (length > 0) matches.Add((community, length));
        }
        if (matches.Count == 0) return (null, []);
        var longest = matches.Max(match => match.Length);
        var best = matches.Where(match => match.Length == longest).Select(match => match.Community).ToList();
        if (best.Count > 1) return (null, [.. best.Select(community => community.Name)]);
        var chosen = best[0];
        return (new Open311Address(chosen.StreetId!, chosen.UnitId, null, null, addressText ?? chosen.Name, chosen.Name), []);
    }

    /// <summary>A community, grid or building of the district that is still open; anything else is no address.</summary>
    public async Task<Open311Address?> ByAddressIdAsync(string tenantId, string addressId, string? addressString, CancellationToken cancellationToken)
    {
        var unit = await directory.FindAsync(tenantId, addressId, cancellationToken);
        if (unit is not { Closed: false } || unit.Kind is not (OrganizationUnitKinds.Community or OrganizationUnitKinds.Grid or OrganizationUnitKinds.Building))
            return null;
        var communityId = unit.Kind == OrganizationUnitKinds.Community ? unit.UnitId : unit.CommunityId;
        var community = communityId is null ? null : await directory.FindAsync(tenantId, communityId, cancellationToken);
        if (community is not { Closed: false, StreetId: not null }) return null;

        var grid = unit.Kind switch
        {
            OrganizationUnitKinds.Grid => unit,
            OrganizationUnitKinds.Building when unit.ParentId is { } parentId => await directory.FindAsync(tenantId, parentId, cancellationToken),
            _ => null,
        };
        if (grid is not null && grid.Kind != OrganizationUnitKinds.Grid) grid = null;
        var building = unit.Kind == OrganizationUnitKinds.Building ? unit : null;
        // Written as a Chinese address is read, from the community down to the building.
        var address = addressString ?? string.Join(" ", new[] { community.Name, grid?.Name, building?.Name }.OfType<string>());
        return new Open311Address(community.StreetId, community.UnitId, grid?.UnitId, building?.UnitId, address, community.Name);
    }

    /// <summary>The communities a request can be placed in: open, and hanging below a street.</summary>
    private async Task<IEnumerable<OrganizationUnit>> CommunitiesAsync(string tenantId, CancellationToken cancellationToken) =>
        (await directory.ListAsync(tenantId, OrganizationUnitKinds.Community, cancellationToken)).Where(community => community.StreetId is not null);

    /// <summary>How much of the community's name the text contains: the full name ("兴华南里社区"), or the name without
    /// its "社区" suffix ("兴华南里"), which is how people usually write it; 0 when neither.</summary>
    private static int MatchLength(string communityName, string text)
    {
        if (text.Contains(communityName, StringComparison.Ordinal)) return communityName.Length;
        const string suffix = "社区";
        if (communityName.EndsWith(suffix, StringComparison.Ordinal) && communityName.Length > suffix.Length + 1)
        {
            var shortName = communityName[..^suffix.Length];
            if (text.Contains(shortName, StringComparison.Ordinal)) return shortName.Length;
        }
        return 0;
    }
}
