using Platform.Kernel;

namespace Platform.Volunteers.Teams;

[ClosedHierarchy]
public abstract record TeamCommand
{
    private protected TeamCommand() { }
}

/// <summary>The rules of a community's service teams as pure functions.</summary>
public static partial class TeamDecider
{
    public static readonly Decider<TeamCommand, TeamEvent, Team> Decider = new(Team.Initial, Team.Evolve, Decide, Team.StreamId);

    public static IReadOnlyList<TeamEvent> Decide(TeamCommand command, Team state, DecisionContext context) => command switch
    {
        FormTeam form => [Form(form, state, context)],
        AddTeamMember add => [Add(add, state, context)],
        RemoveTeamMember remove => [Remove(remove, state, context)],
        ChangeTeamLeader change => [ChangeLeader(change, state, context)],
    };

    /// <summary>A team as large as 永兴路's 500 volunteers across seven teams allows, and no larger.</summary>
    public const int MostMembers = 500;

    private static void ExpectActive(Team state)
    {
        if (state.Status == TeamStatus.None) throw new NotFoundException($"服务队伍「{state.TeamId}」不存在。");
    }
}
