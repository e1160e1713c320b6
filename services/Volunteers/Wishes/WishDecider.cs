using Platform.Kernel;
using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Wishes;

[ClosedHierarchy]
public abstract record WishCommand
{
    private protected WishCommand() { }
}

/// <summary>The rules of the micro-wish board as pure functions.</summary>
public static partial class WishDecider
{
    public static readonly Decider<WishCommand, WishEvent, Wish> Decider = new(Wish.Initial, Wish.Evolve, Decide, Wish.StreamId);

    public static IReadOnlyList<WishEvent> Decide(WishCommand command, Wish state, DecisionContext context) => command switch
    {
        PostWish post => Post(post, state, context),
        ClaimWish claim => [Claim(claim, state, context)],
        FulfilWish fulfil => [Fulfil(fulfil, state, context)],
        LapseClaim lapse => Lapse(lapse, state, context),
    };

    private static void ExpectPosted(Wish state)
    {
        if (state.Status == WishStatus.None) throw new NotFoundException($"微心愿「{state.NeedId}」不在心愿墙上。");
    }

    /// <summary>The last moment of a claim: the end of its deadline day, district time.</summary>
    public static DateTimeOffset LapsesAt(DateOnly deadline) => DistrictTime.StartOf(deadline.AddDays(1));

    internal static IReadOnlyList<LedgerEntry> EntriesFor(Wish state, string volunteerId, int minutes, decimal points, int entriesBefore) =>
        ServiceLedger.Credit(state.NeedId, entriesBefore, state.CommunityId, volunteerId, ServiceLedger.RecordedHours, minutes, points);
}
