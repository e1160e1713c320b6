using Platform.Kernel.Errors;

namespace Platform.Needs.NeedList;

public sealed record ClaimMicroWish(string VolunteerId, string VolunteerName) : NeedCommand;

/// <summary>Volunteers says the claim lapsed; only the claim it names is lifted (a newer claim by someone else stays).</summary>
public sealed record LapseMicroWishClaim(string VolunteerId, string Reason) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] Claim(ClaimMicroWish command, Need state, NeedsDecisionContext context)
    {
        if (!state.IsMicroWish) throw new RuleViolationException("只有微心愿可以认领。");
        if (state.ClaimedBy == command.VolunteerId || !state.IsOpen) return [];
        return [new MicroWishClaimed(state.NeedId, command.VolunteerId, command.VolunteerName, context.Now)];
    }

    private static NeedEvent[] Lapse(LapseMicroWishClaim command, Need state, NeedsDecisionContext context) =>
        state.IsMicroWish && state.IsOpen && state.ClaimedBy == command.VolunteerId
            ? [new MicroWishClaimLapsed(state.NeedId, command.VolunteerId, command.Reason, context.Now)]
            : [];
}
