using Platform.Kernel.Errors;

namespace Platform.Needs.NeedList;

/// <summary>The project and task a need came from: a joint meeting's project whose task ran late and was whistled.</summary>
public sealed record ProjectTaskOrigin(string ProjectId, string ProjectName, string TaskId, string Task);

/// <summary>
/// A community whistled an overdue task of its project (Projects' news): the task enters the 需求清单 as a need the
/// community has taken on and cannot finish, so that the whistle case it opens has the need every case stands on.
/// </summary>
public sealed record RaiseFromProject(
    string NeedId, ProjectTaskOrigin Origin, string Title, string Description, string Category, string Urgency, Place Place, ReporterContact Reporter)
    : NeedCommand;

public static partial class NeedDecider
{
    private static NeedEvent[] RaiseFromProject(RaiseFromProject command, Need state, NeedsDecisionContext context)
    {
        if (state.Status != NeedStatus.None) throw new RuleViolationException($"需求「{command.NeedId}」已存在。");
        var handlingClass = context.Catalogue.ClassFor(command.Category, command.Urgency);
        return
        [
            new NeedRaised(
                command.NeedId, command.Title, command.Description, command.Category, command.Urgency, command.Place, command.Reporter, null, NeedChannels.Project,
                null, context.Actor, context.Now, null, command.Origin),
            new NeedAccepted(command.NeedId, handlingClass, context.Now + context.Catalogue.HandleLimit(handlingClass), context.Actor, context.Now),
        ];
    }

    /// <summary>
    /// What a whistled project task becomes in the 需求清单: its title and the project's account of it; the category,
    /// urgency and place of the first need the project answers in the same community (a task serves its project's
    /// needs), or "other" at the community when it answers none; the community's 大党委 as the reporter.
    /// </summary>
    public static RaiseFromProject NeedFromProjectTask(
        string needId, Contracts.Projects.ProjectTaskEscalated escalated, Need? answered, string communityName)
    {
        ArgumentNullException.ThrowIfNull(escalated);
        var sameCommunity = answered is { Place.CommunityId: var communityId } && communityId == escalated.CommunityId ? answered : null;
        var title = $"项目任务逾期：{escalated.Task}";
        return new RaiseFromProject(
            needId, new ProjectTaskOrigin(escalated.ProjectId, escalated.ProjectName, escalated.TaskId, escalated.Task),
            title.Length <= 100 ? title : title[..100],
            $"联席会议项目「{escalated.ProjectName}」的任务「{escalated.Task}」由{escalated.OwnerName}负责，时限 {escalated.Deadline:yyyy-MM-dd}，"
                + $"已逾期 {escalated.DaysLate} 天。吹哨原因：{escalated.Reason}",
            sameCommunity?.Category ?? OtherCategory, sameCommunity is null ? UrgentUrgency : sameCommunity.Urgency,
            sameCommunity?.Place ?? new Place(escalated.StreetId, escalated.CommunityId, null, null, null),
            new ReporterContact($"{communityName}大党委", ""));
    }

    private const string OtherCategory = "other";
    private const string UrgentUrgency = "urgent";
}
