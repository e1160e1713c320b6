namespace Platform.Resources.Offers;

/// <summary>The booking party or the unit releases a booking that has not yet taken place; its capacity is free again.</summary>
public sealed record ReleaseBooking(string BookingId, string? Reason) : OfferCommand;

public static partial class OfferDecider
{
    private static BookingReleased Release(ReleaseBooking command, Offer state, DecisionContext context)
    {
        var booking = state.Bookings.FirstOrDefault(booking => booking.BookingId == command.BookingId)
            ?? throw new NotFoundException($"预约「{command.BookingId}」不存在。");
        if (booking.Released) throw new RuleViolationException($"预约「{command.BookingId}」已释放。");
        if (booking.Date < DistrictTime.DateOf(context.Now)) throw new RuleViolationException("已经过去的预约不能释放。");
        new Validation().Text(command.Reason, "reason", "释放原因", 500).ThrowIfInvalid();
        return new BookingReleased(state.OfferId, booking.BookingId, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class ReleaseBookingEndpoint
{
    public sealed record ReleaseRequest(string? Reason);

    public static void Map(RouteGroupBuilder bookings) =>
        bookings.MapPost("/{bookingId}/release", ReleaseAsync).RequireAccess(ResourcesActions.ReleaseBookings).WithName("ReleaseBooking")
            .WithSummary("释放尚未发生的预约（预约的社区或提供资源的单位），容量随之空出。");

    private static async Task<IResult> ReleaseAsync(
        string bookingId, ReleaseRequest request, HttpContext http, AccessGuard guard, ResourcesQueries queries, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var booking = await BookingEndpoints.ReadableBookingAsync(user, bookingId, guard, queries, cancellationToken);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), OfferDecider.Decider, booking.OfferId, new ReleaseBooking(booking.Id, request.Reason),
            CommandRequests.ExpectedVersion(http), authorize: _ => { }, $"预约「{bookingId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new BookingEndpoints.BookingOutcome(booking.Id, booking.OfferId, BookingView.Released, decided.Version));
    }
}
