using System.Globalization;
using Marten;
using Platform.Contracts.Catalogue;
using Platform.EventSourcing.Audit;
using Platform.Resources.Offers;
using Platform.Resources.Units;

namespace Platform.Resources.Api;

/// <summary>The 资源清单's offers: the list, an offer's page and its availability calendar here, each command's endpoint
/// in its use case's folder.</summary>
public static class OfferEndpoints
{
    public static IEndpointRouteBuilder MapOfferEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var offers = endpoints.MapGroup("/offers").WithTags("Resource offers");
        offers.MapGet("", ListAsync).RequireAccess(ResourcesActions.ReadOffers).WithName("ListOffers")
            .WithSummary("共建单位提供的资源，按调用者的范围筛选：社区看面向本社区的，共建单位看自己的。");
        offers.MapGet("/{offerId}", GetAsync).RequireAccess(ResourcesActions.ReadOffers).WithName("GetOffer")
            .WithSummary("一项资源：类别、容量、每周开放时段、停用日期、可预约的社区与变更经过；ETag 为其版本号。");
        offers.MapGet("/{offerId}/calendar", CalendarAsync).RequireAccess(ResourcesActions.ReadOffers).WithName("GetOfferCalendar")
            .WithSummary("资源的可预约日历：从 from（默认今天）起 days 天（默认 28，最多 92），每天各时段已约与剩余。");
        PublishOfferEndpoint.Map(offers);
        ChangeAvailabilityEndpoint.Map(offers);
        WithdrawOfferEndpoint.Map(offers);
        return endpoints;
    }

    public const int LongestCalendarDays = 92;

    public sealed record OfferSummary(
        string Id, string Title, string UnitId, string UnitName, string Kind, string KindName, string Category, string CategoryName, string? Item,
        string Status, string StatusName, string CapacityReads, DateOnly AvailableFrom, DateOnly AvailableUntil, IReadOnlyList<UnitEndpoints.NamedPlace> Communities,
        int UpcomingBookings, long Version);

    public sealed record OfferDetail(
        OfferSummary Summary, string Description, OfferCapacity Capacity, IReadOnlyList<WindowView> Windows, IReadOnlyList<DateOnly> Blackouts,
        string? WithdrawnReason, IReadOnlyList<OfferChange> Changes);

    /// <summary>A weekly opening as people read it: "周六 09:00–12:00".</summary>
    public sealed record WindowView(int Day, TimeOnly From, TimeOnly To, string Reads);

    public sealed record OfferChange(long Version, string Title, DateTimeOffset At, string? ActorName);

    public sealed record OfferCalendarView(string OfferId, string Title, string CapacityReads, IReadOnlyList<CalendarDayView> Days);

    public sealed record CalendarDayView(DateOnly Date, string Weekday, bool Closed, IReadOnlyList<CalendarOpening> Openings);

    public sealed record OfferOutcome(string Id, string Status, long Version);

    private static async Task<IResult> ListAsync(
        HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, TimeProvider clock, string? kind, string? category,
        string? status, string? coBuildingUnitId, string? streetId, string? communityId, string? q, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(kind is null || OfferKinds.Names.ContainsKey(kind), "kind", $"未知的资源类型「{kind}」。")
            .Require(category is null || ServiceCatalogue.Find(category) is not null, "category", $"未知的服务类别「{category}」。")
            .Require(status is null or OfferView.Published or OfferView.Withdrawn, "status", $"未知的状态「{status}」（应为 published 或 withdrawn）。")
            .ThrowIfInvalid();
        var found = await queries.ListOffersAsync(
            user, new OfferFilter(kind, category, status, coBuildingUnitId, streetId, communityId, q, CommandRequests.Paging(page, pageSize)), cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, found.Items.SelectMany(view => view.Reach.Select(community => community.CommunityId)), cancellationToken);
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        return TypedResults.Ok(found.Select(view => Summary(view, names, today)));
    }

    private static async Task<IResult> GetAsync(
        string offerId, HttpContext http, AccessGuard guard, ResourcesQueries queries, OrganizationDirectory directory, IDocumentStore store,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var view = await ReadableOfferAsync(user, offerId, guard, queries, cancellationToken);
        await using var session = store.QuerySession(user.DistrictCode);
        var events = await session.Events.FetchStreamAsync(Offer.StreamId(offerId), token: cancellationToken);
        var names = await directory.NamesAsync(user.DistrictCode, view.Reach.Select(community => community.CommunityId), cancellationToken);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new OfferDetail(
            Summary(view, names, DistrictTime.DateOf(clock.GetUtcNow())), view.Description, view.Capacity,
            [.. view.Availability.Windows.Select(window => new WindowView((int)window.Day, window.From, window.To, Reads(window)))],
            view.Availability.Blackouts, view.WithdrawnReason,
            [.. events.Select(stored => new OfferChange(stored.Version, TitleOf(stored.Data), ((OfferEvent)stored.Data).At(), EventActors.NameOf(stored)))]));
    }

    private static async Task<IResult> CalendarAsync(
        string offerId, HttpContext http, AccessGuard guard, ResourcesQueries queries, TimeProvider clock, DateOnly? from, int? days,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        new Validation()
            .Require(days is null or > 0 and <= LongestCalendarDays, "days", $"天数须在 1 到 {LongestCalendarDays} 之间。")
            .ThrowIfInvalid();
        var view = await ReadableOfferAsync(user, offerId, guard, queries, cancellationToken);
        var calendar = OfferCalendar.Days(view.State(), from ?? DistrictTime.DateOf(clock.GetUtcNow()), days ?? 28);
        CommandRequests.SetVersion(http, view.Version);
        return TypedResults.Ok(new OfferCalendarView(view.Id, view.Title, CapacityReads(view.Capacity),
            [.. calendar.Select(day => new CalendarDayView(day.Date, WeekdayName(day.Date.DayOfWeek), day.Closed || view.Status != OfferView.Published, day.Openings))]));
    }

    internal static string TitleOf(object data) => data switch
    {
        OfferPublished => "发布资源",
        OfferAvailabilityChanged => "调整容量与开放时段",
        OfferBooked booked => $"预约 {booked.Date:yyyy-MM-dd}",
        BookingReleased => "释放预约",
        OfferWithdrawn => "下架",
        OfferBookingRefused refused => $"项目预约未能受理：{refused.Reason}",
        _ => data.GetType().Name,
    };

    internal static string StatusName(string status) => status switch
    {
        OfferView.Published => "可预约",
        OfferView.Withdrawn => "已下架",
        _ => status,
    };

    internal static string CapacityReads(OfferCapacity capacity) =>
        $"{(capacity.IsTimed ? "同一时段" : "总量")} {capacity.Amount:#,0.##} {OfferMeasures.Names.GetValueOrDefault(capacity.Measure, capacity.Measure)}";

    internal static string WeekdayName(DayOfWeek day) => CultureInfo.GetCultureInfo("zh-CN").DateTimeFormat.GetAbbreviatedDayName(day);

    private static string Reads(WeeklyWindow window) => $"{WeekdayName(window.Day)} {window.From:HH\\:mm}–{window.To:HH\\:mm}";

    private static OfferSummary Summary(OfferView view, IReadOnlyDictionary<string, string> names, DateOnly today) => new(
        view.Id, view.Title, view.UnitId, view.UnitName, view.Kind, OfferKinds.Names.GetValueOrDefault(view.Kind, view.Kind), view.Category,
        ServiceCatalogue.Find(view.Category)?.Name ?? view.Category, view.Item, view.Status, StatusName(view.Status), CapacityReads(view.Capacity),
        view.Availability.From, view.Availability.Until,
        [.. view.Reach.Select(community => new UnitEndpoints.NamedPlace(community.CommunityId, names.GetValueOrDefault(community.CommunityId, community.CommunityId)))],
        view.Bookings.Count(booking => !booking.Released && booking.Date >= today), view.Version);

    internal static async Task<OfferView> ReadableOfferAsync(
        PlatformUser user, string offerId, AccessGuard guard, ResourcesQueries queries, CancellationToken cancellationToken)
    {
        var view = await queries.FindOfferAsync(user.DistrictCode, offerId, cancellationToken) ?? throw new NotFoundException($"资源「{offerId}」不存在。");
        UnitEndpoints.EnsureCovers(guard, user, view.UnitId, view.Reach, $"资源「{view.Title}」");
        return view;
    }

    /// <summary>
    /// The communities an offer is for: those named, each one the unit serves (else a 422 naming <c>communityIds</c>),
    /// or, when none are named, all the unit serves.
    /// </summary>
    internal static IReadOnlyList<ServedCommunity> Reach(UnitView unit, IReadOnlyList<string>? communityIds)
    {
        if (communityIds is not { Count: > 0 }) return unit.Communities;
        var reach = new List<ServedCommunity>();
        foreach (var communityId in communityIds.Select(id => id?.Trim()).Distinct())
            reach.Add(unit.Communities.FirstOrDefault(served => served.CommunityId == communityId)
                ?? throw new InvalidReferenceException("communityIds", $"共建单位「{unit.Name}」不服务社区「{communityId}」。"));
        return reach;
    }

    /// <summary>The unit's own members manage its offers, the district any; community staff an offer that is for their
    /// community alone (one for several communities is the district's or the unit's).</summary>
    internal static void EnsureMayManage(AccessGuard guard, PlatformUser user, string unitId, IReadOnlyList<ServedCommunity> reach, string what)
    {
        if (user.Role == PlatformRole.CommunityStaff && reach.Any(community => community.CommunityId != user.CommunityId))
            throw new AccessDeniedException($"{what}面向多个社区，由区里或共建单位维护。");
        UnitEndpoints.EnsureCovers(guard, user, unitId, reach, what);
    }

    /// <summary>A command on one offer, after the caller's right to manage it is checked on its state.</summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http, AccessGuard guard, CommandRunner runner, string offerId, OfferCommand command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(
            CommandRequests.Origin(http, user), OfferDecider.Decider, offerId, command, CommandRequests.ExpectedVersion(http),
            state => EnsureMayManage(guard, user, state.UnitId, state.Reach, $"资源「{state.Title}」"),
            $"资源「{offerId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new OfferOutcome(offerId, decided.State.Status == OfferStatus.Published ? OfferView.Published : OfferView.Withdrawn, decided.Version));
    }
}
