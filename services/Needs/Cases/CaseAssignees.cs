using Platform.Authorization;
using Platform.Contracts.Organization;

namespace Platform.Needs.Cases;

/// <summary>Who a case may be given to: the rules that keep a phantom or a stranger from becoming a case's department.</summary>
public static class CaseAssignees
{
    public enum Role
    {
        Department,
        Unit,
    }

    /// <summary>The departments and units a command names, each with the request field it came from.</summary>
    public static IEnumerable<(string Field, string Id, Role Role)> NamedBy(CaseCommand command)
    {
        switch (command)
        {
            case DispatchCase dispatch:
                if (dispatch.LeadDepartmentId is { Length: > 0 } lead) yield return ("leadDepartmentId", lead, Role.Department);
                foreach (var id in (dispatch.AssistingDepartmentIds ?? []).Where(id => id is { Length: > 0 })) yield return ("assistingDepartmentIds", id, Role.Department);
                foreach (var id in (dispatch.ParticipatingUnitIds ?? []).Where(id => id is { Length: > 0 })) yield return ("participatingUnitIds", id, Role.Unit);
                break;
            case RequestTransfer { SuggestedDepartmentId: { Length: > 0 } suggested }:
                yield return ("suggestedDepartmentId", suggested, Role.Department);
                break;
            case DecideTransfer { Approve: true, ToDepartmentId: { Length: > 0 } to }:
                yield return ("toDepartmentId", to, Role.Department);
                break;
        }
    }

    /// <summary>
    /// Why <paramref name="unit"/> (null: the org tree has no such id) cannot take the case, or null when it can. A
    /// department is a district department or an office of the case's own street; a unit is an open co-building unit.
    /// </summary>
    public static string? Refusal(WhistleCase state, Role role, string id, OrganizationUnit? unit)
    {
        ArgumentNullException.ThrowIfNull(state);
        var what = role == Role.Department ? "职能部门" : "共建单位";
        if (unit is null) return $"本区没有{what}「{id}」。";
        var kind = role == Role.Department ? OrganizationUnitKinds.Department : OrganizationUnitKinds.CoBuildingUnit;
        if (unit.Kind != kind) return $"「{unit.Name}」不是{what}。";
        if (unit.Closed) return $"{what}「{unit.Name}」已撤销。";
        if (role == Role.Department && unit.StreetId is { } street && street != state.Place?.StreetId)
            return $"「{unit.Name}」是其他街道的科室，不能承办本街道的案件。";
        return null;
    }
}
