using Platform.EventSourcing;
using Platform.Kernel;

namespace Platform.Volunteers.Teams;

/// <summary>What a team is (seed 001: 永兴路's seven 帮帮团 teams; seed 003: 富民街's 张思德 service team; seed 004: 北街's
/// 橙丝带 and its arts troupes; seed 002: the 小巷管家 of 兴华南里).</summary>
public static class TeamKinds
{
    public const string Service = "service";
    public const string Culture = "culture";
    public const string Grid = "grid";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Service] = "志愿服务队", [Culture] = "文体队伍", [Grid] = "网格力量",
    };
}

/// <summary>A member of a team, by name as the community knows them.</summary>
public sealed record TeamMember(string VolunteerId, string Name);

public enum TeamStatus
{
    None,
    Active,
    Disbanded,
}

public sealed record Team(string TeamId, TeamStatus Status, string Name, string StreetId, string CommunityId, string? LeaderId, IReadOnlyList<TeamMember> Members)
{
    public static readonly Team Initial = new("", TeamStatus.None, "", "", "", null, []);

    public static string StreamId(string teamId) => $"team-{teamId}";

    public bool HasMember(string volunteerId) => Members.Any(member => member.VolunteerId == volunteerId);

    public static Team Evolve(Team state, TeamEvent @event) => @event switch
    {
        TeamFormed formed => state with
        {
            TeamId = formed.TeamId, Status = TeamStatus.Active, Name = formed.Name, StreetId = formed.StreetId, CommunityId = formed.CommunityId,
            LeaderId = formed.LeaderId, Members = formed.Members,
        },
        TeamMemberJoined joined => state with { Members = [.. state.Members, joined.Member] },
        TeamMemberLeft left => state with { Members = [.. state.Members.Where(member => member.VolunteerId != left.VolunteerId)] },
        TeamLeaderChanged changed => state with { LeaderId = changed.LeaderId },
    };
}

[ClosedHierarchy]
public abstract record TeamEvent
{
    private protected TeamEvent() { }
}

/// <param name="LeaderId">The team's leader (队长), one of its members; a team may be formed before it has one.</param>
[EventType("volunteers.team-formed.v1")]
public sealed record TeamFormed(
    string TeamId, string Name, string Kind, string StreetId, string CommunityId, string? Description, string? LeaderId, IReadOnlyList<TeamMember> Members,
    string Actor, DateTimeOffset FormedAt) : TeamEvent;

[EventType("volunteers.team-member-joined.v1")]
public sealed record TeamMemberJoined(string TeamId, TeamMember Member, string Actor, DateTimeOffset JoinedAt) : TeamEvent;

[EventType("volunteers.team-member-left.v1")]
public sealed record TeamMemberLeft(string TeamId, string VolunteerId, string Actor, DateTimeOffset LeftAt) : TeamEvent;

[EventType("volunteers.team-leader-changed.v1")]
public sealed record TeamLeaderChanged(string TeamId, string LeaderId, string Actor, DateTimeOffset ChangedAt) : TeamEvent;

public static class TeamEventTimes
{
    public static DateTimeOffset At(this TeamEvent @event) => @event switch
    {
        TeamFormed formed => formed.FormedAt,
        TeamMemberJoined joined => joined.JoinedAt,
        TeamMemberLeft left => left.LeftAt,
        TeamLeaderChanged changed => changed.ChangedAt,
    };
}
