using System.Collections.Immutable;
using Platform.Contracts.Organization;
using Platform.Kernel;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;
using Platform.Kernel.Text;

namespace Platform.Gateway.Identity.Organization;

public sealed record OrganizationUnitState(string UnitId, string Kind, string Name, string? ParentId, string? StreetId, string? CommunityId, bool Closed);

/// <summary>A district's organization: the one source of truth for the org tree, one event stream per district.</summary>
public sealed record Organization(ImmutableDictionary<string, OrganizationUnitState> Units)
{
    public static readonly Organization Empty = new(ImmutableDictionary<string, OrganizationUnitState>.Empty);

    public static string StreamId(string districtCode) => $"organization-{districtCode}";

    // The tree's events are the contracts' own (the services keep copies of the tree from them), and contracts
    // reference nothing of ours, so they cannot be a closed hierarchy: the discard is the events of other streams.
    public static Organization Evolve(Organization state, object @event) => @event switch
    {
        UnitRegistered registered => state with
        {
            Units = state.Units.SetItem(registered.UnitId, new OrganizationUnitState(
                registered.UnitId, registered.Kind, registered.Name, registered.ParentId, registered.StreetId, registered.CommunityId, Closed: false)),
        },
        UnitRenamed renamed when state.Units.TryGetValue(renamed.UnitId, out var unit) =>
            state with { Units = state.Units.SetItem(renamed.UnitId, unit with { Name = renamed.Name }) },
        UnitClosed closed when state.Units.TryGetValue(closed.UnitId, out var unit) =>
            state with { Units = state.Units.SetItem(closed.UnitId, unit with { Closed = true }) },
        _ => state,
    };
}

/// <summary>One unit to register, with the parent it hangs below (which may come earlier in the same command).</summary>
public sealed record RegisterUnit(
    string UnitId, string Kind, string Name, string? ParentId, IReadOnlyDictionary<string, string>? Facts = null, UnitContact? Contact = null);

/// <summary>What may be asked of a district's organization: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record OrganizationCommand
{
    private protected OrganizationCommand() { }
}

/// <summary>Registers units in order; any of them that exists already is refused.</summary>
public sealed record RegisterUnits(IReadOnlyList<RegisterUnit> Units) : OrganizationCommand;

/// <summary>Registers the units that do not exist yet, in order (a loader that runs at every start).</summary>
public sealed record RegisterMissingUnits(IReadOnlyList<RegisterUnit> Units) : OrganizationCommand;

public sealed record RenameUnit(string UnitId, string Name) : OrganizationCommand;

public sealed record CloseUnit(string UnitId, string Reason) : OrganizationCommand;

/// <summary>The rules of the tree, as pure functions: what may hang below what, and what a change emits.</summary>
public static class OrganizationDecider
{
    private static readonly Dictionary<string, string[]> AllowedParents = new()
    {
        [OrganizationUnitKinds.District] = [],
        [OrganizationUnitKinds.Street] = [OrganizationUnitKinds.District],
        [OrganizationUnitKinds.Community] = [OrganizationUnitKinds.Street],
        [OrganizationUnitKinds.Grid] = [OrganizationUnitKinds.Community],
        [OrganizationUnitKinds.Building] = [OrganizationUnitKinds.Grid],
        [OrganizationUnitKinds.Department] = [OrganizationUnitKinds.District, OrganizationUnitKinds.Street, OrganizationUnitKinds.Department],
        [OrganizationUnitKinds.CoBuildingUnit] = [OrganizationUnitKinds.District, OrganizationUnitKinds.Street, OrganizationUnitKinds.Community],
    };

    /// <summary>A district's tree as the kernel's decider: one stream per district, the district code as its id.</summary>
    public static readonly Decider<OrganizationCommand, object, Organization> Decider =
        new(Organization.Empty, Organization.Evolve, (command, state, _) => Decide(command, state), Organization.StreamId);

    public static IReadOnlyList<object> Decide(OrganizationCommand command, Organization state) => command switch
    {
        RegisterUnits register => [.. Decide(register.Units, state)],
        RegisterMissingUnits register => [.. Decide([.. register.Units.Where(unit => !state.Units.ContainsKey(unit.UnitId))], state)],
        RenameUnit rename => [Decide(rename, state)],
        CloseUnit close => [Decide(close, state)],
    };

    /// <summary>Registers units in order; a later unit may hang below an earlier one of the same command.</summary>
    public static IReadOnlyList<UnitRegistered> Decide(IReadOnlyList<RegisterUnit> commands, Organization state)
    {
        var events = new List<UnitRegistered>(commands.Count);
        foreach (var command in commands)
        {
            var registered = Decide(command, state);
            events.Add(registered);
            state = Organization.Evolve(state, registered);
        }
        return events;
    }

    public static UnitRegistered Decide(RegisterUnit command, Organization state)
    {
        if (string.IsNullOrWhiteSpace(command.UnitId) || command.UnitId.Length > 64)
            throw new OrganizationRuleViolation("组织单元编号不能为空，且不超过 64 个字符。");
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 100 || UnsafeCharacters.Contain(command.Name, allowLineBreaks: false))
            throw new OrganizationRuleViolation("组织单元名称不能为空，须为一行文字，且不超过 100 个字符。");
        if (!AllowedParents.TryGetValue(command.Kind, out var parentKinds))
            throw new OrganizationRuleViolation($"未知的组织单元类型「{command.Kind}」。");
        if (state.Units.ContainsKey(command.UnitId))
            throw new OrganizationUnitAlreadyExists(command.UnitId);

        if (parentKinds.Length == 0)
        {
            if (command.ParentId is not null || state.Units.Values.Any(unit => unit.Kind == OrganizationUnitKinds.District))
                throw new OrganizationRuleViolation("每个区只有一个区级根节点。");
            return new UnitRegistered(command.UnitId, command.Kind, command.Name.Trim(), null, null, null, command.Facts, command.Contact);
        }

        if (command.ParentId is null || !state.Units.TryGetValue(command.ParentId, out var parent))
            throw new OrganizationRuleViolation($"上级单元「{command.ParentId}」不存在。");
        if (parent.Closed)
            throw new OrganizationRuleViolation($"上级单元「{parent.Name}」已撤销，不能再添加下级。");
        if (!parentKinds.Contains(parent.Kind))
            throw new OrganizationRuleViolation($"「{command.Kind}」不能隶属于「{parent.Kind}」。");

        var streetId = parent.Kind == OrganizationUnitKinds.Street ? parent.UnitId : parent.StreetId;
        var communityId = parent.Kind == OrganizationUnitKinds.Community ? parent.UnitId : parent.CommunityId;
        if (command.Kind == OrganizationUnitKinds.Street) streetId = command.UnitId;
        if (command.Kind == OrganizationUnitKinds.Community) communityId = command.UnitId;
        return new UnitRegistered(command.UnitId, command.Kind, command.Name.Trim(), parent.UnitId, streetId, communityId, command.Facts, command.Contact);
    }

    public static UnitRenamed Decide(RenameUnit command, Organization state)
    {
        var unit = Existing(command.UnitId, state);
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 100 || UnsafeCharacters.Contain(command.Name, allowLineBreaks: false))
            throw new OrganizationRuleViolation("组织单元名称不能为空，须为一行文字，且不超过 100 个字符。");
        if (unit.Closed) throw new OrganizationRuleViolation($"「{unit.Name}」已撤销。");
        return new UnitRenamed(unit.UnitId, command.Name.Trim());
    }

    public static UnitClosed Decide(CloseUnit command, Organization state)
    {
        var unit = Existing(command.UnitId, state);
        if (string.IsNullOrWhiteSpace(command.Reason)) throw new OrganizationRuleViolation("撤销组织单元须说明原因。");
        if (unit.Closed) throw new OrganizationRuleViolation($"「{unit.Name}」已撤销。");
        if (state.Units.Values.Any(child => child.ParentId == unit.UnitId && !child.Closed))
            throw new OrganizationRuleViolation($"「{unit.Name}」还有未撤销的下级单元。");
        return new UnitClosed(unit.UnitId, command.Reason.Trim());
    }

    private static OrganizationUnitState Existing(string unitId, Organization state) =>
        state.Units.TryGetValue(unitId, out var unit) ? unit : throw new OrganizationUnitNotFound(unitId);
}

public sealed class OrganizationRuleViolation(string message) : RuleViolationException(message);

public sealed class OrganizationUnitAlreadyExists(string unitId) : AlreadyExistsException($"组织单元「{unitId}」已存在。");

public sealed class OrganizationUnitNotFound(string unitId) : NotFoundException($"组织单元「{unitId}」不存在。");
