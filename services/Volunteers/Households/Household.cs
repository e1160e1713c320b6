using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Volunteers.Households;

/// <summary>三色管理 (seed 003, 富民街): "绿户门前放心行，黄户门前停一停，红户门前要上心".</summary>
public static class CareColours
{
    public const string Green = "green";
    public const string Yellow = "yellow";
    public const string Red = "red";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Green] = "绿户", [Yellow] = "黄户", [Red] = "红户",
    };
}

/// <summary>Why a household has a file (一户一档).</summary>
public static class CareGroups
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "独居老人", "空巢老人", "孤寡老人", "高龄老人", "慢病老人", "失能", "困难儿童", "残障人士", "低保家庭", "单亲家庭", "双职工家庭", "退休党员家庭",
        "一般住户",
    };
}

/// <summary>The household's contact: personal data, seen by the community's staff and the responsible member only.</summary>
public sealed record HouseholdHead(string Name, string Phone);

/// <summary>The party member who looks after the household (富民街: one member for about 50 households).</summary>
public sealed record CareMember(string VolunteerId, string Name);

public enum HouseholdStatus
{
    None,
    Filed,
}

public sealed record Household(
    string HouseholdId, HouseholdStatus Status, string StreetId, string CommunityId, string? GridId, string Colour, CareMember Member,
    DateOnly CareSince, DateOnly? LastVisitOn, DateOnly? OverdueNoticedFor)
{
    public static readonly Household Initial = new("", HouseholdStatus.None, "", "", null, "", new CareMember("", ""), default, null, null);

    public static string StreamId(string householdId) => $"household-{householdId}";

    public static Household Evolve(Household state, HouseholdEvent @event) => @event switch
    {
        HouseholdFiled filed => state with
        {
            HouseholdId = filed.HouseholdId, Status = HouseholdStatus.Filed, StreetId = filed.StreetId, CommunityId = filed.CommunityId, GridId = filed.GridId,
            Colour = filed.Colour, Member = filed.Member, CareSince = filed.FiledOn,
        },
        HouseholdColourChanged changed => state with { Colour = changed.To },
        CareMemberChanged changed => state with { Member = changed.Member },
        HouseholdVisited visited => state with { LastVisitOn = state.LastVisitOn is { } last && last > visited.VisitedOn ? last : visited.VisitedOn },
        VisitOverdueNoticed noticed => state with { OverdueNoticedFor = noticed.DueOn },
    };
}

[ClosedHierarchy]
public abstract record HouseholdEvent
{
    private protected HouseholdEvent() { }
}

/// <param name="Address">The room inside the building (2单元102), as the file keeps it: seen only with the file.</param>
[EventType("volunteers.household-filed.v1")]
public sealed record HouseholdFiled(
    string HouseholdId, string StreetId, string CommunityId, string? GridId, string? BuildingId, string Address, HouseholdHead? Head, IReadOnlyList<string> Groups,
    string Colour, string Reason, CareMember Member, DateOnly FiledOn, string Actor, DateTimeOffset FiledAt) : HouseholdEvent;

/// <summary>The colour is sensitive personal data: each change carries its reason and who made it.</summary>
[EventType("volunteers.household-colour-changed.v1")]
public sealed record HouseholdColourChanged(string HouseholdId, string From, string To, string Reason, string Actor, DateTimeOffset ChangedAt) : HouseholdEvent;

[EventType("volunteers.care-member-changed.v1")]
public sealed record CareMemberChanged(string HouseholdId, CareMember Member, string Actor, DateTimeOffset ChangedAt) : HouseholdEvent;

[EventType("volunteers.household-visited.v1")]
public sealed record HouseholdVisited(
    string HouseholdId, DateOnly VisitedOn, CareMember By, string WhatWasDone, string Actor, DateTimeOffset RecordedAt) : HouseholdEvent;

/// <summary>A visit fell due and did not happen: the member and the household's grid are alerted.</summary>
[EventType("volunteers.visit-overdue-noticed.v1")]
public sealed record VisitOverdueNoticed(
    string HouseholdId, DateOnly DueOn, string Colour, CareMember Member, string? GridId, string Actor, DateTimeOffset NoticedAt) : HouseholdEvent;

public static class HouseholdEventTimes
{
    public static DateTimeOffset At(this HouseholdEvent @event) => @event switch
    {
        HouseholdFiled filed => filed.FiledAt,
        HouseholdColourChanged changed => changed.ChangedAt,
        CareMemberChanged changed => changed.ChangedAt,
        HouseholdVisited visited => visited.RecordedAt,
        VisitOverdueNoticed noticed => noticed.NoticedAt,
    };
}
