using Platform.Kernel;

namespace Platform.Resources.Units;

/// <summary>What may be asked of a co-building unit: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record UnitCommand
{
    private protected UnitCommand() { }
}

/// <summary>The rules of the 资源清单's units as pure functions: the state and a command in, the events that follow out.
/// Each use case's decision stands in its own folder, beside its command and endpoint.</summary>
public static partial class UnitDecider
{
    public static readonly Decider<UnitCommand, UnitEvent, CoBuildingUnit> Decider =
        new(CoBuildingUnit.Initial, CoBuildingUnit.Evolve, Decide, CoBuildingUnit.StreamId);

    public static IReadOnlyList<UnitEvent> Decide(UnitCommand command, CoBuildingUnit state, DecisionContext context) => command switch
    {
        JoinUnit join => [Join(join, state, context)],
        ChangeLiaison change => [ChangeLiaison(change, state, context)],
        ChangeCommunities change => ChangeCommunities(change, state, context),
        LeaveUnit leave => [Leave(leave, state, context)],
    };

    /// <summary>A unit serves a handful of communities, each named once.</summary>
    public const int MostCommunities = 50;

    private static Validation Liaison(Validation validation, Liaison? liaison, bool required) => liaison is null
        ? validation.Require(!required, "liaison", "须填写联络员。")
        : validation
            .Text(liaison.Name, "liaison.name", "联络员姓名", 50, singleLine: true)
            .Phone(liaison.Phone, "liaison.phone", "联络员电话")
            .Text(liaison.Title, "liaison.title", "联络员职务", 50, required: false, singleLine: true);

    /// <summary>The communities come checked against the org tree (the handler resolves each id to its street).</summary>
    private static Validation Communities(Validation validation, IReadOnlyList<ServedCommunity>? communities) => validation
        .Require(communities is { Count: > 0 }, "communityIds", "须至少服务一个社区。")
        .Require(communities is null || communities.Count <= MostCommunities, "communityIds", $"最多服务 {MostCommunities} 个社区。")
        .Require(communities is null || communities.DistinctBy(community => community.CommunityId).Count() == communities.Count, "communityIds", "社区重复。");

    private static void ExpectActive(CoBuildingUnit state, string action)
    {
        if (state.Status == UnitStatus.None) throw new NotFoundException($"共建单位「{state.UnitId}」不存在。");
        if (state.Status != UnitStatus.Active) throw new RuleViolationException($"共建单位「{state.Name}」已退出共建，不能{action}。");
    }
}
