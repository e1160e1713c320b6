
namespace Platform.Needs.NeedList;

/// <summary>A joint meeting dropped the project that carried the need (Projects' news): the need goes back to its
/// community, with a fresh time limit of its handling class, to be handled there or taken to another meeting.</summary>
public sealed record ReturnNeedFromProject(string ProjectId, string ProjectName, string Reason) : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] ReturnFromProject(ReturnNeedFromProject command, Need state, NeedsDecisionContext context)
    {
        // Only the project that holds the need gives it back: an older project's news, or a need already resolved, is history.
        if (state.Status != NeedStatus.InProject || state.ProjectId != command.ProjectId) return [];
        var handlingClass = state.HandlingClass ?? context.Catalogue.ClassFor(state.Category, state.Urgency);
        return [new NeedReturnedFromProject(
            state.NeedId, command.ProjectId, command.ProjectName, command.Reason, context.Now + context.Catalogue.HandleLimit(handlingClass), context.Actor, context.Now)];
    }
}
