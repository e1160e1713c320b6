using Platform.Contracts.Catalogue;
using Platform.Resources.Offers;

namespace Platform.Resources.Api;

/// <summary>Bookings of offers: the list and a booking's page here; booking and releasing in their use cases' folders.</summary>
public static class BookingEndpoints
{
    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var bookings = endpoints.MapGroup("/bookings").WithTags("Bookings");
        bookings.MapGet("", ListAsync).RequireAccess(ResourcesActions.ReadBookings).WithName("ListBookings")
            .WithSummary("资源预约，按调用者的范围筛选：社区看本社区的，共建单位看其资源的；按日期先后。");
        bookings.MapGet("/{bookingId}", GetAsync).RequireAccess(ResourcesActions.ReadBookings).WithName("GetBooking")
            .WithSummary("一条预约：资源、社区、日期与时段、数量、用途和状态；ETag 为资源的版本号。");
        BookOfferEndpoint.Map(bookings);
        ReleaseBookingEndpoint.Map(bookings);
        return endpoints;
    }

    /// <param name="Reads">As people read it: "2026-12-12（周六）09:00–12:00，1 场".</param>
    public sealed record BookingSummary(
        string Id, string OfferId, string OfferTitle, string UnitId, string UnitName, string CommunityId, string CommunityName, string? ProjectId,
        DateOnly Date, TimeOnly? From, TimeOnly? To, decimal Quantity, string Reads, string Purpose, string Status, string StatusName,
        string? ReleaseReason, DateTimeOffset BookedAt, long Version);

    public sealed record BookingOutcome(string Id, string OfferId, string Status, long Version);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, string? offerId, string? coBuildingUnitId,
        string? streetId, string? communityId, string? status, DateOnly? from, DateOnly? until, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(status is null or BookingView.Held or BookingView.Released, "status", $"未知的预约状态「{status}」（应为 held 或 released）。")
            .Require(from is null || until is null || until >= from, "until", "结束日期不能早于开始日期。")
            .ThrowIfInvalid();
        var found = await queries.ListBookingsAsync(
            user, new BookingFilter(offerId, coBuildingUnitId, streetId, communityId, status, from, until, CommandRequests.Paging(page, pageSize)), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.Select(view => view.CommunityId), cancellationToken);
        return TypedResults.Ok(found.Select(view => Summary(view, names)));
    }

    private static async Task<IResult> GetAsync(
        string bookingId, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableBookingAsync(user, bookingId, guard, queries, cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, [view.CommunityId], cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(Summary(view, names));
    }

    internal static string StatusName(string status) => status switch
    {
        BookingView.Held => "已预约",
        BookingView.Released => "已释放",
        _ => status,
    };

    private static BookingSummary Summary(BookingView view, IReadOnlyDictionary<string, string> names) => new(
        view.Id, view.OfferId, view.OfferTitle, view.UnitId, view.UnitName, view.CommunityId, names.GetValueOrDefault(view.CommunityId, view.CommunityId),
        view.ProjectId, view.Date, view.From, view.To, view.Quantity, Reads(view), view.Purpose, view.Status, StatusName(view.Status), view.ReleaseReason,
        view.BookedAt, view.Version);

    private static string Reads(BookingView view)
    {
        var span = view.From is { } from && view.To is { } to ? $" {from:HH\\:mm}–{to:HH\\:mm}" : "";
        return $"{view.Date:yyyy-MM-dd}（{OfferEndpoints.WeekdayName(view.Date.DayOfWeek)}）{span}，{view.Quantity:0.##} {OfferMeasures.Names.GetValueOrDefault(view.Measure, view.Measure)}";
    }

    /// <summary>A booking is the booking community's (and its street's), and the unit's whose offer it takes.</summary>
    internal static async Task<BookingView> ReadableBookingAsync(
        PlatformUser user, string bookingId, AccessGuard guard, ResourcesQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindBookingAsync(user.DistrictCode, bookingId, cancellationToken) ?? throw new NotFoundException($"预约「{bookingId}」不存在。");
        guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, view.StreetId, view.CommunityId, UnitId: view.UnitId), $"预约「{view.OfferTitle}」");
        return view;
    }
}
