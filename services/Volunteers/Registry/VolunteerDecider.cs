using Platform.Kernel;

namespace Platform.Volunteers.Registry;

[ClosedHierarchy]
public abstract record VolunteerCommand
{
    private protected VolunteerCommand() { }
}

/// <summary>The rules of registration (双报到) as pure functions; each use case's decision stands in its own folder.</summary>
public static partial class VolunteerDecider
{
    public static readonly Decider<VolunteerCommand, VolunteerEvent, Volunteer> Decider =
        new(Volunteer.Initial, Volunteer.Evolve, Decide, Volunteer.StreamId);

    public static IReadOnlyList<VolunteerEvent> Decide(VolunteerCommand command, Volunteer state, DecisionContext context) => command switch
    {
        RegisterVolunteer register => [Register(register, state, context)],
        ConfirmReport confirm => [Confirm(confirm, state, context)],
        LeaveService leave => [Leave(leave, state, context)],
    };

    private static void ExpectRegistered(Volunteer state)
    {
        if (state.Status == VolunteerStatus.None) throw new NotFoundException($"志愿者「{state.VolunteerId}」不存在。");
    }
}
