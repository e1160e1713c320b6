using Platform.EventSourcing;
using Platform.Needs.NeedList;

namespace Platform.Needs.ReadModels;

public sealed record FeedbackView(bool Resolved, bool Satisfied, string? Comment, DateTimeOffset At);

/// <summary>A need as lists and detail pages show it, kept by <see cref="NeedsViewProjection"/>.</summary>
public sealed record NeedView : IStreamView
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    public string Urgency { get; init; } = "";
    public string Status { get; init; } = NeedStatus.Raised.Code();
    public Place Place { get; init; } = new("", "", null, null, null);
    public ReporterContact Reporter { get; init; } = new("", "");
    public string? ReporterUserId { get; init; }
    public string Channel { get; init; } = "";
    public string? ExternalId { get; init; }
    public IReadOnlyList<MediaReference> Media { get; init; } = [];

    /// <summary>What the reporter sent with the need itself. A GeoReport client published these with its request; the
    /// photos added later (by the community, by the reporter in the console) are not published through Open311.</summary>
    public IReadOnlyList<MediaReference> IntakeMedia { get; init; } = [];
    public DateTimeOffset RaisedAt { get; init; }
    public string? HandlingClass { get; init; }
    public DateTimeOffset? HandleBy { get; init; }
    public string? Plan { get; init; }
    public string? CaseId { get; init; }
    public string? ProjectId { get; init; }
    public string? ProjectName { get; init; }

    /// <summary>The project task the need came from, when a community whistled an overdue task of its project.</summary>
    public ProjectTaskOrigin? FromProject { get; init; }
    public string? DuplicateOfNeedId { get; init; }
    public string? RejectionReason { get; init; }
    public string? ClaimedBy { get; init; }
    public string? Resolution { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public FeedbackView? Feedback { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public bool Overdue { get; init; }

    /// <summary>The funnel's stages this need has reached (<see cref="NeedFunnel"/>).</summary>
    public IReadOnlyList<string> FunnelStages { get; init; } = [];
    public int Round { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public static NeedView Apply(NeedView view, object @event)
    {
        var next = Evolve(view, @event);
        return @event is NeedEvent needEvent && NeedFunnel.After(view.FunnelStages, needEvent) is var stages && !ReferenceEquals(stages, view.FunnelStages)
            ? next with { FunnelStages = stages }
            : next;
    }

    private static NeedView Evolve(NeedView view, object @event) => @event switch
    {
        NeedRaised raised => view with
        {
            Id = raised.NeedId, Title = raised.Title, Description = raised.Description, Category = raised.Category, Urgency = raised.Urgency,
            Place = raised.Place, Reporter = raised.Reporter, ReporterUserId = raised.ReporterUserId, Channel = raised.Channel,
            ExternalId = raised.ExternalId, RaisedAt = raised.RaisedAt, Status = NeedStatus.Raised.Code(), UpdatedAt = raised.RaisedAt,
            Media = raised.Media ?? [], IntakeMedia = raised.Media ?? [], FromProject = raised.FromProject,
        },
        NeedAccepted accepted => view with
        {
            Status = NeedStatus.Accepted.Code(), HandlingClass = accepted.HandlingClass, HandleBy = accepted.HandleBy, Overdue = false, Round = view.Round + 1, UpdatedAt = accepted.AcceptedAt,
        },
        NeedRejected rejected => view with { Status = NeedStatus.Rejected.Code(), RejectionReason = rejected.Reason, HandleBy = null, UpdatedAt = rejected.RejectedAt },
        NeedMergedAsDuplicate merged => view with
        {
            Status = NeedStatus.Merged.Code(), DuplicateOfNeedId = merged.DuplicateOfNeedId, HandleBy = null, UpdatedAt = merged.MergedAt,
        },
        CommunityHandlingStarted started => view with { Status = NeedStatus.InCommunityHandling.Code(), Plan = started.Plan, UpdatedAt = started.StartedAt },
        NeedOverdue overdue => view with { Overdue = true, UpdatedAt = overdue.DetectedAt },
        NeedEscalatedByWhistle escalated => view with
        {
            Status = NeedStatus.Escalated.Code(), CaseId = escalated.CaseId, HandleBy = null, UpdatedAt = escalated.EscalatedAt,
        },
        NeedMatchedToProject matched => view with
        {
            Status = NeedStatus.InProject.Code(), ProjectId = matched.ProjectId, ProjectName = matched.ProjectName, HandleBy = null, UpdatedAt = matched.MatchedAt,
        },
        MicroWishClaimed claimed => view with { ClaimedBy = claimed.VolunteerName, UpdatedAt = claimed.ClaimedAt },
        MicroWishClaimLapsed lapsed => view with { ClaimedBy = null, UpdatedAt = lapsed.LapsedAt },
        NeedResolved resolved => view with
        {
            Status = NeedStatus.Resolved.Code(), Resolution = resolved.Resolution, ResolvedAt = resolved.ResolvedAt, HandleBy = null, Feedback = null,
            UpdatedAt = resolved.ResolvedAt,
        },
        FeedbackRecorded feedback => view with
        {
            Feedback = new FeedbackView(feedback.Resolved, feedback.Satisfied, feedback.Comment, feedback.RecordedAt), UpdatedAt = feedback.RecordedAt,
        },
        NeedClosed closed => view with { Status = NeedStatus.Closed.Code(), ClosedAt = closed.ClosedAt, UpdatedAt = closed.ClosedAt },
        NeedReopened reopened => view with
        {
            Status = NeedStatus.Accepted.Code(), HandleBy = reopened.HandleBy, CaseId = null, Overdue = false, Round = view.Round + 1, ClosedAt = null, Resolution = null,
            Feedback = null, UpdatedAt = reopened.ReopenedAt,
        },
        NeedReturnedFromProject returned => view with
        {
            Status = NeedStatus.Accepted.Code(), HandleBy = returned.HandleBy, ProjectId = null, ProjectName = null, Overdue = false, Round = view.Round + 1,
            UpdatedAt = returned.ReturnedAt,
        },
        NeedReturnedToCase returned => view with
        {
            Status = NeedStatus.Escalated.Code(), Resolution = null, Feedback = null, UpdatedAt = returned.ReturnedAt,
        },
        NeedMediaAdded added => view with { Media = [.. view.Media, .. added.Media], UpdatedAt = added.AddedAt },
        _ => view,
    };

    public const string HandleDeadline = "need-handle";

    /// <summary>The community's own handling limit, while it runs: a breach escalates the need by an automatic whistle.</summary>
    public IReadOnlyList<RunningDeadline> RunningDeadlines() =>
        Status is "accepted" or "in-community" && !Overdue && HandleBy is { } handleBy
            ? [new RunningDeadline($"{HandleDeadline}:{Round}", HandleDeadline, null, Round, handleBy)]
            : [];

    public bool IsOpen => Status is "raised" or "accepted" or "in-community" or "escalated" or "in-project";
}
