using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Resources.Units;

/// <summary>What part a unit takes in the community's 大党委 (seed 001: 3 member units whose party leaders sit on the
/// committee, 28 outside units that signed agreements; seed 003: units in the area, non-public organizations,
/// volunteer groups).</summary>
public static class UnitKinds
{
    /// <summary>大党委成员单位: its party leader is a member (委员) of the community's committee.</summary>
    public const string Member = "member";

    /// <summary>驻区单位: a unit inside the area.</summary>
    public const string InArea = "in-area";

    /// <summary>签约共建单位: a unit from outside that signed an agreement.</summary>
    public const string Signed = "signed";

    /// <summary>非公企业与社会组织.</summary>
    public const string SocialOrganization = "social";

    /// <summary>志愿服务团体.</summary>
    public const string VolunteerGroup = "volunteer-group";

    /// <summary>商户.</summary>
    public const string Merchant = "merchant";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Member] = "大党委成员单位", [InArea] = "驻区单位", [Signed] = "签约共建单位", [SocialOrganization] = "非公企业与社会组织",
        [VolunteerGroup] = "志愿服务团体", [Merchant] = "商户",
    };
}

/// <summary>A community a unit serves, with the street it belonged to when the unit took it on (so a street sees the
/// units of its communities).</summary>
public sealed record ServedCommunity(string CommunityId, string StreetId);

/// <summary>The unit's 联络员: personal data, shown masked except to those who work with the unit.</summary>
public sealed record Liaison(string Name, string Phone, string? Title);

public enum UnitStatus
{
    None,
    Active,
    Left,
}

/// <summary>A co-building unit, as far as deciding what may happen to it next requires.</summary>
public sealed record CoBuildingUnit(string UnitId, UnitStatus Status, string Name, string Kind, IReadOnlyList<ServedCommunity> Communities)
{
    public static readonly CoBuildingUnit Initial = new("", UnitStatus.None, "", "", []);

    public static string StreamId(string unitId) => $"unit-{unitId}";

    public static CoBuildingUnit Evolve(CoBuildingUnit state, UnitEvent @event) => @event switch
    {
        UnitJoined joined => state with
        {
            UnitId = joined.UnitId, Status = UnitStatus.Active, Name = joined.Name, Kind = joined.Kind, Communities = joined.Communities,
        },
        UnitLiaisonChanged => state,
        UnitCommunitiesChanged changed => state with { Communities = changed.Communities },
        UnitLeft => state with { Status = UnitStatus.Left },
    };
}

/// <summary>Everything that can happen to a co-building unit: a closed set.</summary>
[ClosedHierarchy]
public abstract record UnitEvent
{
    private protected UnitEvent() { }
}

/// <param name="Communities">The communities the unit serves, at least one.</param>
[EventType("resources.unit-joined.v1")]
public sealed record UnitJoined(
    string UnitId, string Name, string Kind, Liaison? Liaison, IReadOnlyList<ServedCommunity> Communities, string Actor, DateTimeOffset JoinedAt) : UnitEvent;

[EventType("resources.unit-liaison-changed.v1")]
public sealed record UnitLiaisonChanged(string UnitId, Liaison Liaison, string Actor, DateTimeOffset ChangedAt) : UnitEvent;

[EventType("resources.unit-communities-changed.v1")]
public sealed record UnitCommunitiesChanged(string UnitId, IReadOnlyList<ServedCommunity> Communities, string Actor, DateTimeOffset ChangedAt) : UnitEvent;

[EventType("resources.unit-left.v1")]
public sealed record UnitLeft(string UnitId, string Reason, string Actor, DateTimeOffset LeftAt) : UnitEvent;

public static class UnitEventTimes
{
    /// <summary>When it happened, as the decision saw the clock.</summary>
    public static DateTimeOffset At(this UnitEvent @event) => @event switch
    {
        UnitJoined joined => joined.JoinedAt,
        UnitLiaisonChanged changed => changed.ChangedAt,
        UnitCommunitiesChanged changed => changed.ChangedAt,
        UnitLeft left => left.LeftAt,
    };
}
