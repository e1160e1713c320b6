using Platform.Kernel;
using Platform.ServiceDefaults.Idempotency;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Registry;

namespace Platform.Volunteers.Redemption;

[ClosedHierarchy]
public abstract record GiftCommand
{
    private protected GiftCommand() { }
}

public sealed record StockGift(string GiftId, string? Name, string? Kind, decimal? Points, int? Quantity, string StreetId, string CommunityId) : GiftCommand;

public sealed record RestockGift(int? Quantity) : GiftCommand;

/// <summary>One of the gift to a volunteer; the points are the volunteer's stream's to spend (<see cref="RedeemPoints"/>).</summary>
public sealed record HandOutGift(string RedemptionId, string VolunteerId, string Name, DateTimeOffset Now) : GiftCommand;

/// <summary>The rules of gifts and redemption as pure functions. A redemption is two decisions in one transaction: the
/// gift's stock goes down by one (never below zero) and the volunteer's points pay for it (never below zero); a
/// writer that raced another on either stream decides again on what the other left.</summary>
public static class GiftDecider
{
    public static readonly Decider<GiftCommand, GiftEvent, Gift> Decider = new(Gift.Initial, Gift.Evolve, Decide, Gift.StreamId);

    public const int LargestStock = 10_000;

    public static IReadOnlyList<GiftEvent> Decide(GiftCommand command, Gift state, DecisionContext context) => command switch
    {
        StockGift stock => [Stock(stock, state, context)],
        RestockGift restock => [Restock(restock, state, context)],
        HandOutGift handOut => [HandOut(handOut, state, context)],
    };

    private static GiftStocked Stock(StockGift command, Gift state, DecisionContext context)
    {
        if (state.Status != GiftStatus.None) throw new RuleViolationException($"礼品「{state.Name}」已登记。");
        new Validation()
            .Text(command.Name, "name", "礼品名称", 50, singleLine: true)
            .Require(command.Kind is not null && GiftKinds.Names.ContainsKey(command.Kind), "kind", $"类别须为 {string.Join("、", GiftKinds.Names.Keys)} 之一。")
            .Require(command.Points is > 0 and <= 100_000, "points", "所需积分须为 1–100000。")
            .Require(command.Quantity is > 0 and <= LargestStock, "quantity", $"数量须为 1–{LargestStock}。")
            .ThrowIfInvalid();
        return new GiftStocked(command.GiftId, command.Name!.Trim(), command.Kind!, command.Points!.Value, command.Quantity!.Value, command.StreetId, command.CommunityId,
            context.Actor, context.Now);
    }

    private static GiftRestocked Restock(RestockGift command, Gift state, DecisionContext context)
    {
        ExpectStocked(state);
        new Validation().Require(command.Quantity is > 0 && state.Stock + command.Quantity <= LargestStock, "quantity", $"补充数量须为正数，库存不超过 {LargestStock}。")
            .ThrowIfInvalid();
        return new GiftRestocked(state.GiftId, command.Quantity!.Value, context.Actor, context.Now);
    }

    private static GiftRedeemed HandOut(HandOutGift command, Gift state, DecisionContext context)
    {
        ExpectStocked(state);
        if (state.Stock <= 0) throw new RuleViolationException($"礼品「{state.Name}」已兑完。");
        return new GiftRedeemed(state.GiftId, command.RedemptionId, command.VolunteerId, command.Name, context.Actor, context.Now);
    }

    private static void ExpectStocked(Gift state)
    {
        if (state.Status == GiftStatus.None) throw new NotFoundException($"礼品「{state.GiftId}」不存在。");
    }

    /// <summary>Whether points may be redeemed now (年底兑换, the configured months, district time).</summary>
    public static bool RedemptionOpen(DateTimeOffset now, ServiceRules rules) => rules.MonthsOfRedemption.Contains(now.ToDistrict().Month);
}

public static class GiftEndpoints
{
    public sealed record StockRequest(string? Name, string? Kind, decimal? Points, int? Quantity, string? CommunityId);

    public sealed record RestockRequest(int? Quantity);

    public sealed record RedeemRequest(string? VolunteerId);

    public sealed record GiftOutcome(string Id, int Stock, long Version);

    public sealed record Redeemed(string RedemptionId, string GiftId, string GiftName, decimal Points, decimal PointsLeft, int StockLeft);

    public static void Map(RouteGroupBuilder ledger)
    {
        ledger.MapPost("/gifts", StockAsync).RequireAccess(VolunteersActions.ManageVolunteers).WithName("StockGift").Idempotent()
            .WithSummary("社区登记兑换礼品或荣誉证书：所需积分与库存；答 201。");
        ledger.MapPost("/gifts/{giftId}/restock", (string giftId, RestockRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) => RunAsync(http, guard, runner, giftId, new RestockGift(request.Quantity), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("RestockGift").WithSummary("补充礼品库存。");
        ledger.MapPost("/gifts/{giftId}/redeem", RedeemAsync).RequireAccess(VolunteersActions.TakePart).WithName("RedeemGift")
            .WithSummary("以积分兑换礼品（年底兑换期内）：库存与积分都不会低于零，两人同时兑换最后一件时只有一人成功。");
    }

    private static async Task<IResult> StockAsync(
        StockRequest request, HttpContext http, AccessGuard guard, OrganizationDirectory directory, CommandRunner runner, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var community = await VolunteerEndpoints.CommunityAsync(user, guard, directory, request.CommunityId ?? user.CommunityId, cancellationToken);
        var giftId = RecordIds.New("G", clock.GetUtcNow());
        var decided = await runner.StartAsync(CommandRequests.Origin(http, user), GiftDecider.Decider, giftId,
            new StockGift(giftId, request.Name, request.Kind, request.Points, request.Quantity, community.StreetId!, community.UnitId), cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Created($"ledger/gifts/{giftId}", new GiftOutcome(giftId, decided.State.Stock, decided.Version));
    }

    private static async Task<IResult> RunAsync(HttpContext http, AccessGuard guard, CommandRunner runner, string giftId, GiftCommand command, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var decided = await runner.RunAsync(CommandRequests.Origin(http, user), GiftDecider.Decider, giftId, command, CommandRequests.ExpectedVersion(http),
            state => guard.EnsureCovers(user, new OrgLocation(user.DistrictCode, state.StreetId, state.CommunityId), $"礼品「{state.Name}」"),
            $"礼品「{giftId}」不存在。", cancellationToken);
        CommandRequests.SetVersion(http, decided.Version);
        return TypedResults.Ok(new GiftOutcome(giftId, decided.State.Stock, decided.Version));
    }

    /// <summary>The gift and the volunteer's points in one transaction; the balance is read inside it, so a retry after a
    /// lost race reads what the winner left.</summary>
    private static async Task<IResult> RedeemAsync(
        string giftId, RedeemRequest request, HttpContext http, AccessGuard guard, VolunteersQueries queries, CommandRunner runner, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<ServiceRules> rules, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var stocked = await queries.FindGiftAsync(user.DistrictCode, giftId, cancellationToken) ?? throw new NotFoundException($"礼品「{giftId}」不存在。");
        TeamEndpoints.EnsureSees(user, guard, stocked.StreetId, stocked.CommunityId, $"礼品「{stocked.Name}」");
        if (!GiftDecider.RedemptionOpen(clock.GetUtcNow(), rules.Value))
            throw new RuleViolationException($"积分在年底兑换（{string.Join("、", rules.Value.MonthsOfRedemption.Select(month => $"{month} 月"))}）。");
        var volunteer = await VolunteerEndpoints.ActingVolunteerAsync(user, queries, request.VolunteerId, cancellationToken);
        var redeemed = await runner.ExecuteAsync(CommandRequests.Origin(http, user), async scope =>
        {
            var gift = await scope.LoadAsync(GiftDecider.Decider, giftId, cancellationToken: cancellationToken);
            if (!gift.Exists) throw new NotFoundException($"礼品「{giftId}」不存在。");
            TeamEndpoints.EnsureSees(user, guard, gift.State.StreetId, gift.State.CommunityId, $"礼品「{gift.State.Name}」");
            if (gift.State.CommunityId != volunteer.CommunityId) throw new InvalidReferenceException("giftId", "只能兑换本社区的礼品。");
            var account = await scope.LoadAsync(VolunteerDecider.Decider, volunteer.Id, cancellationToken: cancellationToken);
            var balance = (await queries.BalancesAsync(user.DistrictCode, volunteer.Id, cancellationToken))
                .FirstOrDefault(line => line.Kind == ServiceLedger.Points)?.Balance ?? 0;
            var redemptionId = $"{volunteer.Id}-R{account.State.Redemptions + 1}";
            var (name, points) = (gift.State.Name, gift.State.Points);
            scope.Decide(gift, new HandOutGift(redemptionId, volunteer.Id, volunteer.Person.Name, scope.Context.Now));
            scope.Decide(account, new RedeemPoints(redemptionId, giftId, name, points, balance));
            return new Redeemed(redemptionId, giftId, name, points, balance - points, gift.State.Stock);
        }, cancellationToken);
        return TypedResults.Ok(redeemed);
    }
}
