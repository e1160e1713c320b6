using Platform.Kernel.Errors;

namespace Platform.Needs.NeedList;

public sealed record ClaimMicroWish(string VolunteerId, string VolunteerName) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] Claim(ClaimMicroWish command, Need state, NeedsDecisionContext context)
    {
        if (!state.IsMicroWish) throw new RuleViolationException("只有微心愿可以认领。");
        if (state.ClaimedBy == command.VolunteerId || !state.IsOpen) return [];
        return [new MicroWishClaimed(state.NeedId, command.VolunteerId, command.VolunteerName, context.Now)];
    }
}
