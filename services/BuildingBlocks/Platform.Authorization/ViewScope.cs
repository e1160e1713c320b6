using Platform.Storage.Views;

namespace Platform.Authorization;

/// <summary>
/// The columns of a view table that say where a record is and whose it is; a column left null means the table is
/// not opened to the roles that need it (residents see no whistle case, departments no need).
/// </summary>
/// <param name="Department">An array column of the departments a record is given to.</param>
/// <param name="Reporter">The account of the person a record is about (a resident's own needs).</param>
public sealed record ViewScopeColumns(string? Street = "street_id", string? Community = "community_id", string? Department = null, string? Reporter = null);

public static class ViewScope
{
    /// <summary>
    /// Narrows a list to what <paramref name="user"/> may see, whatever the caller filters on besides: the district's
    /// staff and auditors everything of their district, a street or community its own place, a department the records
    /// given to it, a resident or volunteer their own. A role the table is not opened to sees nothing.
    /// </summary>
    public static ViewFilter NarrowTo(this ViewFilter filter, PlatformUser user, ViewScopeColumns columns)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(columns);
        return (user.Role, columns) switch
        {
            (PlatformRole.DistrictAdmin or PlatformRole.Auditor, _) => filter,
            (PlatformRole.StreetStaff, { Street: { } street }) when user.StreetId is { } id => filter.Add($"{street} = {{0}}", id),
            (PlatformRole.CommunityStaff, { Community: { } community }) when user.CommunityId is { } id => filter.Add($"{community} = {{0}}", id),
            (PlatformRole.DepartmentStaff, { Department: { } department }) when user.DepartmentId is { } id => filter.Add($"{department} @> ARRAY[{{0}}]::text[]", id),
            (PlatformRole.Resident or PlatformRole.Volunteer, { Reporter: { } reporter }) => filter.Add($"{reporter} = {{0}}", user.UserId),
            _ => filter.Add("false"),
        };
    }
}
