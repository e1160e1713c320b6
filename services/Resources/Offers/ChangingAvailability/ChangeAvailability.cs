namespace Platform.Resources.Offers;

/// <summary>The unit changes what it can give: a new capacity, new windows or blackout dates. Bookings already made
/// from today on must still fit; the ones that would not are named, to be released first.</summary>
public sealed record ChangeAvailability(OfferCapacity? Capacity, Availability? Availability) : OfferCommand;

public static partial class OfferDecider
{
    private static OfferAvailabilityChanged ChangeAvailability(ChangeAvailability command, Offer state, DecisionContext context)
    {
        ExpectPublished(state, "调整可用时间");
        CapacityAndAvailability(new Validation(), command.Capacity, command.Availability)
            .Require(command.Capacity is null || command.Capacity.Scope == state.Capacity.Scope, "capacity.scope",
                "容量的计法（同一时间或总量）发布后不能改；请另行发布。")
            .ThrowIfInvalid();
        var availability = Normalized(command.Availability!);
        var stranded = OfferCalendar.Stranded(state, command.Capacity!, availability, DistrictTime.DateOf(context.Now));
        if (stranded.Count > 0)
            throw new RuleViolationException(
                $"已有预约不再容得下：{string.Join("、", stranded.Select(Describe))}。请先与预约方协商并释放这些预约。");
        return new OfferAvailabilityChanged(state.OfferId, command.Capacity!, availability, context.Actor, context.Now);
    }
}

public static class ChangeAvailabilityEndpoint
{
    public sealed record ChangeRequest(PublishOfferEndpoint.CapacityRequest? Capacity, PublishOfferEndpoint.AvailabilityRequest? Availability);

    public static void Map(RouteGroupBuilder offers) =>
        offers.MapPut("/{offerId}/availability", ChangeAsync).RequireAccess(ResourcesActions.ManageOffers).WithName("ChangeOfferAvailability")
            .WithSummary("调整资源的容量、每周开放时段与停用日期；已有的预约须仍然容得下。");

    private static Task<IResult> ChangeAsync(
        string offerId, ChangeRequest request, HttpContext http, AccessGuard guard, CommandRunner runner, CancellationToken cancellationToken) =>
        OfferEndpoints.RunAsync(http, guard, runner, offerId,
            new ChangeAvailability(PublishOfferEndpoint.Capacity(request.Capacity), PublishOfferEndpoint.Availability(request.Availability)),
            cancellationToken);
}
