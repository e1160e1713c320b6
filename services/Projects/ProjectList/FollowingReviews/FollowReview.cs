using Platform.Projects.Meetings;

namespace Platform.Projects.ProjectList;

/// <summary>The next meeting dropped (撤销) the decision that made the project: the project stops, its open claims
/// pledge nothing more, and the needs it answered go back to their community.</summary>
public sealed record DropProject(string MeetingId, string Reason) : ProjectCommand;

/// <summary>The next meeting let the project continue with a new time limit (继续推进).</summary>
public sealed record RescheduleProject(string MeetingId, DateOnly NewDueOn, string Reason) : ProjectCommand;

public static partial class ProjectDecider
{
    /// <summary>What a review at the next meeting means for the project its decision made: a drop stops it, a
    /// continue moves its time limit; done and adjust leave it as it is (an adjustment is made on the project itself).</summary>
    public static ProjectCommand? Following(DecisionReview review, string meetingId)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.Outcome switch
        {
            DecisionReview.Drop => new DropProject(meetingId, review.Reason),
            DecisionReview.Continue when review.NewDueOn is { } newDueOn => new RescheduleProject(meetingId, newDueOn, review.Reason),
            _ => null,
        };
    }

    private static ProjectDropped Drop(DropProject command, Project state, DecisionContext context)
    {
        ExpectActive(state, "撤销");
        return new ProjectDropped(state.ProjectId, state.Name, [.. state.Needs.Select(need => need.NeedId)], command.Reason, command.MeetingId, context.Actor, context.Now);
    }

    /// <summary>A meeting that lets the project continue by its own time limit changes nothing.</summary>
    private static IReadOnlyList<ProjectEvent> Reschedule(RescheduleProject command, Project state, DecisionContext context)
    {
        ExpectActive(state, "调整时限");
        return command.NewDueOn == state.DueOn
            ? []
            : [new ProjectRescheduled(state.ProjectId, state.Name, state.DueOn, command.NewDueOn, command.Reason, command.MeetingId, context.Actor, context.Now)];
    }
}
