using Platform.Contracts.Catalogue;
using Platform.Resources.Units;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Resources.Offers;

/// <summary>A unit publishes what it can give: a category of the shared catalogue, its capacity and when it can be
/// booked, for some or all of the communities it serves (the handler has checked them against the unit).</summary>
public sealed record PublishOffer(
    string OfferId, string UnitId, string UnitName, string? Title, string? Description, string? Kind, string? Category, string? Item,
    OfferCapacity? Capacity, Availability? Availability, IReadOnlyList<ServedCommunity> Reach) : OfferCommand;

public static partial class OfferDecider
{
    private static OfferPublished Publish(PublishOffer command, Offer state, DecisionContext context)
    {
        if (state.Status != OfferStatus.None) throw new RuleViolationException($"资源「{state.Title}」已发布。");
        var category = ServiceCatalogue.Find(command.Category);
        CapacityAndAvailability(new Validation()
                .Text(command.Title, "title", "资源名称", 100, singleLine: true)
                .Text(command.Description, "description", "资源说明", 2000, required: false)
                .Require(command.Kind is not null && OfferKinds.Names.ContainsKey(command.Kind), "kind",
                    $"资源类型须为 {string.Join("、", OfferKinds.Names.Keys)} 之一。")
                .Require(category is not null, "category", $"未知的服务类别「{command.Category}」。")
                .Require(command.Item is null || category is null || category.Items.Contains(command.Item), "item",
                    $"「{category?.Name}」类没有服务项目「{command.Item}」。")
                .Require(command.Availability is null || command.Availability.Until >= DistrictTime.DateOf(context.Now), "availability.until",
                    "可用期已经结束。"),
                command.Capacity, command.Availability)
            .ThrowIfInvalid();
        return new OfferPublished(
            command.OfferId, command.UnitId, command.UnitName, command.Title!.Trim(), command.Description?.Trim() ?? "", command.Kind!, command.Category!,
            command.Item, command.Capacity!, Normalized(command.Availability!), command.Reach, context.Actor, context.Now);
    }

    private static Availability Normalized(Availability availability) => availability with
    {
        Windows = [.. availability.Windows.OrderBy(window => window.Day).ThenBy(window => window.From)],
        Blackouts = [.. availability.Blackouts.Distinct().Order()],
    };
}

public static class PublishOfferEndpoint
{
    public sealed record PublishRequest(
        string? CoBuildingUnitId, string? Title, string? Description, string? Kind, string? Category, string? Item, CapacityRequest? Capacity,
        AvailabilityRequest? Availability, List<string>? CommunityIds);

    public sealed record CapacityRequest(decimal? Amount, string? Measure, string? Scope);

    /// <param name="Windows">Weekly openings; <c>day</c> counts from 0 (Sunday) to 6 (Saturday), times as "09:00".</param>
    public sealed record AvailabilityRequest(DateOnly? From, DateOnly? Until, List<WindowRequest>? Windows, List<DateOnly>? Blackouts);

    public sealed record WindowRequest(int? Day, TimeOnly? From, TimeOnly? To);

    internal static OfferCapacity? Capacity(CapacityRequest? request) =>
        request is null ? null : new OfferCapacity(request.Amount ?? 0, request.Measure ?? "", request.Scope ?? "");

    /// <summary>The availability as asked, or null with its missing dates named, so one 400 lists everything.</summary>
    internal static Availability? Availability(AvailabilityRequest? request)
    {
        if (request is null) return null;
        new Validation()
            .Require(request.From is not null, "availability.from", "须写明可用期的开始日期。")
            .Require(request.Until is not null, "availability.until", "须写明可用期的结束日期。")
            .Require(request.Windows?.All(window => window.Day is not null && window.From is not null && window.To is not null) ?? true,
                "availability.windows", "每个开放时段须写明星期、开始与结束时间。")
            .ThrowIfInvalid();
        return new Availability(
            request.From!.Value, request.Until!.Value,
            [.. (request.Windows ?? []).Select(window => new WeeklyWindow((DayOfWeek)window.Day!.Value, window.From!.Value, window.To!.Value))],
            request.Blackouts ?? []);
    }

    public static void Map(RouteGroupBuilder offers) =>
        offers.MapPost("", PublishAsync).RequireAccess(ResourcesActions.ManageOffers).WithName("PublishOffer").Idempotent()
            .WithSummary("发布共建单位的资源：服务类别、容量、每周开放时段与停用日期，以及可预约的社区；答 201 及其地址。");

    private static async Task<IResult> PublishAsync(
        PublishRequest request, HttpContext http, AccessGuard guard, ResourcesQueries queries, CommandRunner runner, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var unit = await UnitEndpoints.NamedUnitAsync(user, queries, request.CoBuildingUnitId, "coBuildingUnitId", cancellationToken);
        var reach = OfferEndpoints.Reach(unit, request.CommunityIds);
        OfferEndpoints.EnsureMayManage(guard, user, unit.Id, reach, $"共建单位「{unit.Name}」的资源");
        var offerId = RecordIds.New("R", clock.GetUtcNow());
        var decided = await runner.StartAsync(
            CommandRequests.Origin(http, user), OfferDecider.Decider, offerId,
            new PublishOffer(offerId, unit.Id, unit.Name, request.Title, request.Description, request.Kind, request.Category, request.Item,
                Capacity(request.Capacity), Availability(request.Availability), reach),
            cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"offers/{Uri.EscapeDataString(offerId)}", new OfferEndpoints.OfferOutcome(offerId, OfferView.Published, decided.Version));
    }
}
