using Platform.Storage.Views;

namespace Platform.Authorization;

/// <summary>
/// The columns of a view table that say where a record is and whose it is; a column left null means the table is
/// not opened to the roles that need it (residents see no whistle case, departments no need).
/// </summary>
/// <param name="Department">An array column of the departments a record is given to.</param>
/// <param name="Reporter">The account of the person a record is about (a resident's own needs).</param>
/// <param name="Unit">The co-building unit a record belongs to, which that unit's members see.</param>
/// <param name="PlacesAreLists">The street and community columns are arrays: a record that serves several places is
/// seen in each of them.</param>
/// <param name="UnitsAreLists">The unit column is an array: a record several units take part in is seen by each.</param>
public sealed record ViewScopeColumns(
    string? Street = "street_id", string? Community = "community_id", string? Department = null, string? Reporter = null, string? Unit = null,
    bool PlacesAreLists = false, bool UnitsAreLists = false);

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
            (PlatformRole.StreetStaff, { Street: { } street }) when user.StreetId is { } id => filter.Add(Place(street, columns), id),
            (PlatformRole.CommunityStaff, { Community: { } community }) when user.CommunityId is { } id => filter.Add(Place(community, columns), id),
            (PlatformRole.UnitMember, { Unit: { } unit }) when user.UnitId is { } id =>
                filter.Add(columns.UnitsAreLists ? $"{unit} @> ARRAY[{{0}}]::text[]" : $"{unit} = {{0}}", id),
            (PlatformRole.DepartmentStaff, { Department: { } department }) when user.DepartmentId is { } id => filter.Add($"{department} @> ARRAY[{{0}}]::text[]", id),
            (PlatformRole.Resident or PlatformRole.Volunteer, { Reporter: { } reporter }) => filter.Add($"{reporter} = {{0}}", user.UserId),
            _ => filter.Add("false"),
        };
    }

    private static string Place(string column, ViewScopeColumns columns) =>
        columns.PlacesAreLists ? $"{column} @> ARRAY[{{0}}]::text[]" : $"{column} = {{0}}";
}
