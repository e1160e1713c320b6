using Platform.Contracts.Catalogue;
using Platform.Kernel;

namespace Platform.Resources.Offers;

/// <summary>What may be asked of an offer and its bookings: a closed set, so that Decide names each case.</summary>
[ClosedHierarchy]
public abstract record OfferCommand
{
    private protected OfferCommand() { }
}

/// <summary>The rules of the 资源清单's offers and bookings as pure functions; each use case's decision stands in its own folder.</summary>
public static partial class OfferDecider
{
    public static readonly Decider<OfferCommand, OfferEvent, Offer> Decider = new(Offer.Initial, Offer.Evolve, Decide, Offer.StreamId);

    public static IReadOnlyList<OfferEvent> Decide(OfferCommand command, Offer state, DecisionContext context) => command switch
    {
        PublishOffer publish => [Publish(publish, state, context)],
        ChangeAvailability change => [ChangeAvailability(change, state, context)],
        WithdrawOffer withdraw => Withdraw(withdraw, state, context),
        BookOffer book => [Book(book, state, context)],
        ReleaseBooking release => [Release(release, state, context)],
        RefuseProjectBooking refuse => [RefuseForProject(refuse, state, context)],
    };

    /// <summary>An offer is published for at most two years ahead; it is extended by changing its availability.</summary>
    public const int LongestAvailabilityYears = 2;

    public const int MostWindows = 28;

    public const int MostBlackouts = 366;

    private static Validation CapacityAndAvailability(Validation validation, OfferCapacity? capacity, Availability? availability)
    {
        validation
            .Require(capacity is not null, "capacity", "须写明容量。")
            .Require(availability is not null, "availability", "须写明可用时间。");
        if (capacity is not null)
        {
            validation
                .Require(capacity.Amount is > 0 and <= 100_000_000, "capacity.amount", "容量须大于 0。")
                .Require(OfferMeasures.Names.ContainsKey(capacity.Measure ?? ""), "capacity.measure",
                    $"容量单位须为 {string.Join("、", OfferMeasures.Names.Keys)} 之一。")
                .Require(capacity.Scope is OfferCapacity.AtATime or OfferCapacity.InTotal, "capacity.scope",
                    $"容量须按 {OfferCapacity.AtATime}（同一时间）或 {OfferCapacity.InTotal}（总量）计。");
        }
        if (availability is null) return validation;
        validation
            .Require(availability.Until >= availability.From, "availability.until", "结束日期不能早于开始日期。")
            .Require(availability.Until <= availability.From.AddYears(LongestAvailabilityYears), "availability.until",
                $"一次最多发布 {LongestAvailabilityYears} 年。")
            .Require(availability.Windows.Count <= MostWindows, "availability.windows", $"每周最多 {MostWindows} 个开放时段。")
            .Require(capacity?.Scope != OfferCapacity.AtATime || availability.Windows.Count > 0, "availability.windows",
                "按时段预约的资源须写明每周的开放时段。")
            .Require(availability.Blackouts.Count <= MostBlackouts, "availability.blackouts", $"最多 {MostBlackouts} 个停用日期。")
            .Require(availability.Blackouts.All(date => date >= availability.From && date <= availability.Until), "availability.blackouts",
                "停用日期须在可用期内。");
        for (var index = 0; index < availability.Windows.Count; index++)
        {
            var window = availability.Windows[index];
            validation
                .Require(Enum.IsDefined(window.Day), $"availability.windows[{index}].day", "星期须为 0（周日）到 6（周六）。")
                .Require(window.To > window.From, $"availability.windows[{index}].to", "时段须先开始后结束。")
                .Require(availability.Windows.Take(index).All(other => other.Day != window.Day || other.To <= window.From || window.To <= other.From),
                    $"availability.windows[{index}]", "同一天的开放时段不能重叠。");
        }
        return validation;
    }

    private static void ExpectPublished(Offer state, string action)
    {
        if (state.Status == OfferStatus.None) throw new NotFoundException($"资源「{state.OfferId}」不存在。");
        if (state.Status != OfferStatus.Published) throw new RuleViolationException($"资源「{state.Title}」已下架，不能{action}。");
    }

    private static string Describe(Booking booking) =>
        booking.From is { } from && booking.To is { } to ? $"{booking.Date:yyyy-MM-dd} {from:HH\\:mm}–{to:HH\\:mm}" : $"{booking.Date:yyyy-MM-dd}";
}
