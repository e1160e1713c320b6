namespace Platform.Resources.Offers;

/// <summary>The unit takes an offer back. What was booked from today on is released with the reason, so each booking
/// party hears of it; what was used before stays on the record.</summary>
public sealed record WithdrawOffer(string? Reason) : OfferCommand;

public static partial class OfferDecider
{
    private static IReadOnlyList<OfferEvent> Withdraw(WithdrawOffer command, Offer state, DecisionContext context)
    {
        ExpectPublished(state, "下架");
        new Validation().Text(command.Reason, "reason", "下架原因", 500).ThrowIfInvalid();
        var reason = command.Reason!.Trim();
        var today = DistrictTime.DateOf(context.Now);
        return
        [
            .. state.Held.Where(booking => booking.Date >= today)
                .Select(booking => new BookingReleased(state.OfferId, booking.BookingId, $"资源下架：{reason}", context.Actor, context.Now)),
            new OfferWithdrawn(state.OfferId, reason, context.Actor, context.Now),
        ];
    }
}

public static class WithdrawOfferEndpoint
{
    public sealed record WithdrawRequest(string? Reason);

    public static void Map(RouteGroupBuilder offers) =>
        offers.MapPost("/{offerId}/withdraw", WithdrawAsync).RequireAccess(ResourcesActions.ManageOffers).WithName("WithdrawOffer")
            .WithSummary("下架资源；今天及以后的预约随之释放，并写明原因。");

    private static Task<IResult> WithdrawAsync(
        string offerId, WithdrawRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        OfferEndpoints.RunAsync(http, guard, runner, offerId, new WithdrawOffer(request.Reason), cancellationToken);
}
