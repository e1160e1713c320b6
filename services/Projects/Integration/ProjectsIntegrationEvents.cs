using Platform.Messaging;
using Platform.Projects.ProjectList;
using Contract = Platform.Contracts.Projects;

namespace Platform.Projects.Integration;

/// <summary>Which domain events other services hear of, and in what shape.</summary>
public static class ProjectsIntegrationEvents
{
    public static IntegrationEventMap Map(IntegrationEventMap map) => map
        .Publish<NeedTakenIntoProject>((e, stored) => new Contract.NeedMatchedToProject(stored.TenantId, e.NeedId, e.ProjectId, e.ProjectName, e.TakenAt))
        .Publish<MilestoneReached>((e, stored) => new Contract.ProjectProgressed(
            stored.TenantId, e.ProjectId, e.ProjectName, e.Task, e.Title, e.CompletesTask, e.TasksDone, e.Tasks, Project.ProgressPercent(e.TasksDone, e.Tasks),
            e.ReachedOn, e.ReportedAt))
        .Publish<ProjectCompleted>((e, stored) => new Contract.ProjectCompleted(stored.TenantId, e.ProjectId, e.Name, e.NeedIds, e.Summary, e.CompletedAt))
        .Publish<PledgeDelivered>((e, stored) => new Contract.ProjectContributionDelivered(
            stored.TenantId, e.ProjectId, e.ProjectName, e.ClaimId, e.UnitId, e.UnitName, e.Party.StreetId, e.Party.CommunityId, e.Pledge.AgreementId,
            e.Pledge.Commitment, e.Pledge.Measure, e.Pledge.Amount, WhatWasDelivered(e), e.DeliveredOn, e.DeliveredAt))
        .Publish<ProjectDropped>((e, stored) => new Contract.ProjectDropped(stored.TenantId, e.ProjectId, e.Name, e.NeedIds, e.Reason, e.DroppedAt))
        .Publish<ResourceRequested>((e, stored) => new Contract.ProjectResourceRequested(
            stored.TenantId, e.ProjectId, e.ProjectName, e.RequestId, e.BookingId, e.OfferId, e.StreetId, e.CommunityId, e.Date, e.From, e.To, e.Quantity,
            e.Purpose, e.RequestedAt))
        .Publish<TaskEscalated>((e, stored) => new Contract.ProjectTaskEscalated(
            stored.TenantId, e.ProjectId, e.ProjectName, e.StreetId, e.CommunityId, e.TaskId, e.Task, e.OwnerName, e.Deadline, e.DaysLate, e.NeedIds, e.Level,
            e.Reason, e.Actor, e.EscalatedAt));

    /// <summary>How the contribution reads in Resources' ledger: the project, and the task when the claim was on one.</summary>
    private static string WhatWasDelivered(PledgeDelivered delivered)
    {
        var what = delivered.Task is null ? $"项目「{delivered.ProjectName}」" : $"项目「{delivered.ProjectName}」：{delivered.Task}";
        return what.Length <= 200 ? what : what[..200];
    }
}
