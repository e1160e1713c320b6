using Platform.Authorization;
using Platform.Contracts.Needs;
using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Handling;
using Platform.Needs.NeedList;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Idempotency;

namespace Platform.Needs.Cases;

public sealed record BlowWhistle(
    string CaseId, string NeedId, string Title, string Category, string Urgency, Place Place, string? Level, string? WhistleType,
    string? Reason, IReadOnlyList<string>? TriedByCommunity, bool Automatic) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static WhistleBlown Blow(BlowWhistle command, WhistleCase state, NeedsDecisionContext context)
    {
        if (state.Status != CaseStatus.None) throw new RuleViolationException($"吹哨案件「{command.CaseId}」已存在。");
        new Validation()
            .Require(command.Level is WhistleLevels.Street or WhistleLevels.District, "level", "吹哨层级须为 street（街道）或 district（区）。")
            .Require(context.Catalogue.IsWhistleType(command.WhistleType), "whistleType", $"未知的哨类「{command.WhistleType}」。")
            .Text(command.Reason, "reason", "吹哨原因", 1000)
            .Require(command.Automatic || command.TriedByCommunity is { Count: > 0 }, "triedByCommunity", "须说明社区已做的工作。")
            .Require(command.TriedByCommunity is null || command.TriedByCommunity.All(tried => tried is { Length: > 0 and <= 500 }), "triedByCommunity", "每项已做工作不超过 500 个字符。")
            .ThrowIfInvalid();
        return new WhistleBlown(
            command.CaseId, command.NeedId, command.Title, command.Category, command.Urgency, command.Place, command.Level!, command.WhistleType!,
            command.Reason!.Trim(), command.TriedByCommunity?.Select(tried => tried.Trim()).ToList() ?? [], command.Automatic, context.Actor, context.Now);
    }
}

public static class BlowWhistleEndpoint
{
    public sealed record WhistleRequest(string? Level, string? WhistleType, string? Reason, List<string>? TriedByCommunity);

    /// <summary>On the need's address (needs/{needId}/whistle): a whistle is blown about a need.</summary>
    public static void Map(RouteGroupBuilder needs) =>
        needs.MapPost("/{needId}/whistle", BlowAsync).RequireAccess(NeedsActions.BlowWhistle).WithName("BlowWhistle").Idempotent()
            .WithSummary("吹哨: escalates the need to its street or the district; answers 201 with the new case.");

    private static async Task<IResult> BlowAsync(
        string needId, WhistleRequest request, HttpContext http, AccessGuard guard, NeedsCommandHandler commands, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var outcome = await commands.BlowWhistleAsync(
            CommandRequests.Origin(http, user), needId, CommandRequests.ExpectedVersion(http), request.Level, request.WhistleType, request.Reason, request.TriedByCommunity,
            need => guard.EnsureCovers(user, NeedEndpoints.LocationOf(user.DistrictCode, need), $"需求「{needId}」"), cancellationToken);
        // From …/needs/{needId}/whistle up to the service's root, as above.
        return TypedResults.Created($"../../cases/{Uri.EscapeDataString(outcome.Id)}", outcome);
    }
}
