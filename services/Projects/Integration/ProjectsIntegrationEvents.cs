using Platform.Messaging;
using Platform.Projects.ProjectList;
using Contract = Platform.Contracts.Projects;

namespace Platform.Projects.Integration;

/// <summary>Which domain events other services hear of, and in what shape.</summary>
public static class ProjectsIntegrationEvents
{
    public static IntegrationEventMap Map(IntegrationEventMap map) => map
        .Publish<NeedTakenIntoProject>((e, stored) => new Contract.NeedMatchedToProject(stored.TenantId, e.NeedId, e.ProjectId, e.ProjectName, e.TakenAt))
        .Publish<ProjectCompleted>((e, stored) => new Contract.ProjectCompleted(stored.TenantId, e.ProjectId, e.Name, e.NeedIds, e.Summary, e.CompletedAt));
}
