using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.Catalogue;

namespace Platform.Needs.NeedList;

public sealed record AcceptNeed(string? HandlingClass) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] Accept(AcceptNeed command, Need state, NeedsDecisionContext context)
    {
        Expect(state, "受理", NeedStatus.Raised);
        var handlingClass = command.HandlingClass ?? context.Catalogue.ClassFor(state.Category, state.Urgency);
        new Validation()
            .Require(context.Catalogue.FindClass(handlingClass) is not null, "handlingClass", $"未知的办理类别「{handlingClass}」。")
            .ThrowIfInvalid();
        var accepted = new NeedAccepted(state.NeedId, handlingClass, context.Now + context.Catalogue.HandleLimit(handlingClass), context.Actor, context.Now);
        return state.IsMicroWish ? [accepted, new MicroWishPublished(state.NeedId, state.Title, state.Description, state.Place!, context.Now)] : [accepted];
    }
}

public static class AcceptNeedEndpoint
{
    public sealed record AcceptRequest(string? HandlingClass);

    public static void Map(RouteGroupBuilder needs) =>
        NeedEndpoints.MapCommand<AcceptRequest>(needs, "accept", "AcceptNeed", request => new AcceptNeed(request.HandlingClass));
}
