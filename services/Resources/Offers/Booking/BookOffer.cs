using Platform.ServiceDefaults.Idempotency;

namespace Platform.Resources.Offers;

/// <summary>A community books part of an offer: a span of one day from a timed offer, or a quantity on a date from
/// one counted in total. It never takes more than is free, however many book at the same moment: every booking of an
/// offer is decided on the offer's own stream.</summary>
public sealed record BookOffer(
    string BookingId, BookingParty? For, DateOnly? Date, TimeOnly? From, TimeOnly? To, decimal? Quantity, string? Purpose) : OfferCommand;

public static partial class OfferDecider
{
    /// <summary>Bookings are made up to a year ahead.</summary>
    public const int LongestLeadDays = 366;

    private static OfferBooked Book(BookOffer command, Offer state, DecisionContext context)
    {
        ExpectPublished(state, "预约");
        var today = DistrictTime.DateOf(context.Now);
        var timed = state.Capacity.IsTimed;
        new Validation()
            .Require(command.For is not null, "communityId", "须写明为哪个社区预约。")
            .Require(command.Date is not null, "date", "须写明日期。")
            .Require(command.Date is null || command.Date >= today, "date", "不能预约已经过去的日期。")
            .Require(command.Date is null || command.Date <= today.AddDays(LongestLeadDays), "date", $"最多提前 {LongestLeadDays} 天预约。")
            .Require(!timed || (command.From is not null && command.To is not null), "from", "按时段预约的资源须写明开始与结束时间。")
            .Require(command.From is null || command.To is null || command.To > command.From, "to", "须先开始后结束。")
            .Require(command.Quantity is > 0, "quantity", "数量须大于 0。")
            .Text(command.Purpose, "purpose", "用途", 500)
            .ThrowIfInvalid();
        if (state.Reach.All(community => community.CommunityId != command.For!.CommunityId))
            throw new InvalidReferenceException("communityId", $"资源「{state.Title}」不面向该社区开放。");
        var (date, from, to) = (command.Date!.Value, timed ? command.From : null, timed ? command.To : null);
        if (!OfferCalendar.IsOpen(state.Availability, date, from, to))
            throw new RuleViolationException($"资源「{state.Title}」在 {Describe(new Booking("", command.For!, date, from, to, 0, false))} 不开放。");
        var free = OfferCalendar.Free(state, date, from, to);
        if (command.Quantity > free)
            throw new RuleViolationException(free == 0
                ? $"资源「{state.Title}」在 {Describe(new Booking("", command.For!, date, from, to, 0, false))} 已约满。"
                : $"资源「{state.Title}」在该时段只剩 {free:0.##}，不够 {command.Quantity:0.##}。");
        return new OfferBooked(
            state.OfferId, state.UnitId, command.BookingId, command.For!, date, from, to, command.Quantity!.Value, command.Purpose!.Trim(), context.Actor, context.Now);
    }
}

public static class BookOfferEndpoint
{
    public sealed record BookRequest(
        string? OfferId, string? CommunityId, DateOnly? Date, TimeOnly? From, TimeOnly? To, decimal? Quantity, string? Purpose);

    public static void Map(RouteGroupBuilder bookings) =>
        bookings.MapPost("", BookAsync).RequireAccess(ResourcesActions.Book).WithName("BookOffer").Idempotent()
            .WithSummary("为社区预约资源：日期与时段（或数量）；约满、冲突或不开放时答 422，什么也不存；答 201 及其地址。");

    private static async Task<IResult> BookAsync(
        BookRequest request, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, CommandRunner runner,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        if (string.IsNullOrWhiteSpace(request.OfferId))
            throw new InvalidCommandException("须写明预约的资源。", new Dictionary<string, string[]> { ["offerId"] = ["须写明预约的资源。"] });
        var offer = await queries.FindOfferAsync(user.DistrictCode, request.OfferId.Trim(), cancellationToken)
            ?? throw new InvalidReferenceException("offerId", $"没有资源「{request.OfferId}」。");
        BookingParty? party = null;
        if (!string.IsNullOrWhiteSpace(request.CommunityId))
        {
            var community = await directory.FindAsync(user.DistrictCode, request.CommunityId.Trim(), cancellationToken);
            if (community is not { Kind: Platform.Contracts.Organization.OrganizationUnitKinds.Community, Closed: false, StreetId: { } streetId })
                throw new InvalidReferenceException("communityId", $"本区没有社区「{request.CommunityId}」。");
            party = new BookingParty(streetId, community.UnitId, ProjectId: null);
            guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, streetId, community.UnitId), community.Name);
        }
        var bookingId = RecordIds.New("B", clock.GetUtcNow());
        var offerId = offer.Id;
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), OfferDecider.Decider, offerId,
            new BookOffer(bookingId, party, request.Date, request.From, request.To, request.Quantity, request.Purpose), expectedVersion: null,
            authorize: _ => { }, $"资源「{offerId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"bookings/{Uri.EscapeDataString(bookingId)}", new BookingEndpoints.BookingOutcome(bookingId, offerId, BookingView.Held, decided.Version));
    }
}
