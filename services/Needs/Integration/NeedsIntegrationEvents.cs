using Platform.Messaging;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using Contract = Platform.Contracts.Needs;

namespace Platform.Needs.Integration;

/// <summary>Which domain events other services hear of, and in what shape. The reporter's personal data never leaves.</summary>
public static class NeedsIntegrationEvents
{
    public static IntegrationEventMap Map(IntegrationEventMap map) => map
        .Publish<NeedRaised>((e, stored) => new Contract.NeedRaised(
            stored.TenantId, e.NeedId, e.Title, e.Category, e.Urgency, Place(e.Place), e.Channel, e.RaisedAt))
        .Publish<NeedAccepted>((e, stored) => new Contract.NeedAccepted(stored.TenantId, e.NeedId, e.HandlingClass, e.HandleBy, e.AcceptedAt))
        .Publish<NeedRejected>((e, stored) => new Contract.NeedDeclined(stored.TenantId, e.NeedId, "rejected", e.Reason, null, e.RejectedAt))
        .Publish<NeedMergedAsDuplicate>((e, stored) => new Contract.NeedDeclined(stored.TenantId, e.NeedId, "merged", e.Reason, e.DuplicateOfNeedId, e.MergedAt))
        .Publish<NeedResolved>((e, stored) => new Contract.NeedResolved(stored.TenantId, e.NeedId, e.Resolution, e.ResolvedAt))
        .Publish<FeedbackRecorded>((e, stored) => new Contract.FeedbackGiven(stored.TenantId, e.NeedId, null, e.Resolved, e.Satisfied, e.Comment, e.RecordedAt))
        .Publish<NeedClosed>((e, stored) => new Contract.NeedClosed(stored.TenantId, e.NeedId, e.ClosedAt))
        .Publish<NeedReopened>((e, stored) => new Contract.NeedReopened(stored.TenantId, e.NeedId, e.Reason, e.ReopenedAt))
        .Publish<MicroWishPublished>((e, stored) => new Contract.MicroWishPublished(
            stored.TenantId, e.NeedId, e.Title, e.Description, Place(e.Place), e.PublishedAt))
        .Publish<WhistleBlown>((e, stored) => new Contract.WhistleBlown(
            stored.TenantId, e.CaseId, e.NeedId, e.Level, e.WhistleType, e.Category, Place(e.Place), e.Reason, e.Automatic, e.BlownAt))
        .Publish<CaseDispatched>((e, stored) => new Contract.CaseDispatched(
            stored.TenantId, e.CaseId, e.Level, e.LeadDepartmentId, e.AssistingDepartmentIds, e.HandlingClass, e.SignBy, e.HandleBy, e.DispatchedAt))
        .Publish<DepartmentSigned>((e, stored) => new Contract.DepartmentSigned(stored.TenantId, e.CaseId, e.DepartmentId, e.InTime, e.SignedAt))
        .Publish<CaseReported>((e, stored) => new Contract.CaseResolved(stored.TenantId, e.CaseId, e.DepartmentId, e.Result, e.InTime, e.ReportedAt))
        .Publish<CaseOverdue>((e, stored) => new Contract.CaseOverdue(stored.TenantId, e.CaseId, e.Deadline, e.DepartmentIds, e.Level, e.DueAt, e.DetectedAt))
        .Publish<CaseEscalated>((e, stored) => new Contract.CaseEscalated(stored.TenantId, e.CaseId, e.FromLevel, e.ToLevel, e.Automatic, e.Reason, e.EscalatedAt))
        .Publish<CaseClosed>((e, stored) => new Contract.CaseClosed(stored.TenantId, e.CaseId, e.NeedId, e.Resolved, e.Satisfied, e.ClosedAt));

    private static Contract.NeedPlace Place(Place place) => new(place.StreetId, place.CommunityId, place.GridId, place.BuildingId, place.Address);
}
