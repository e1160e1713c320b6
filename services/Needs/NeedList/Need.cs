namespace Platform.Needs.NeedList;

public enum NeedStatus
{
    None,
    Raised,
    Accepted,
    InCommunityHandling,
    Escalated,
    InProject,
    Resolved,
    Closed,
    Rejected,
    Merged,
}

/// <summary>A need in the 需求清单, as far as deciding what may happen to it next requires.</summary>
public sealed record Need(
    string NeedId,
    NeedStatus Status,
    string Title,
    string Description,
    string Category,
    string Urgency,
    Place? Place,
    string? ReporterUserId,
    string? HandlingClass,
    DateTimeOffset? HandleBy,
    int Round,
    bool OverdueInRound,
    string? CaseId,
    string? ProjectId,
    bool IsMicroWish,
    string? ClaimedBy,
    bool FeedbackGiven,
    int MediaCount = 0)
{
    public static readonly Need Initial = new("", NeedStatus.None, "", "", "", "", null, null, null, null, 0, false, null, null, false, null, false);

    public const string MicroWishCategory = "wish";

    public static string StreamId(string needId) => $"need-{needId}";

    public bool IsOpen => Status is NeedStatus.Raised or NeedStatus.Accepted or NeedStatus.InCommunityHandling or NeedStatus.Escalated or NeedStatus.InProject;

    public static Need Evolve(Need state, NeedEvent @event) => @event switch
    {
        NeedRaised raised => state with
        {
            NeedId = raised.NeedId,
            Status = NeedStatus.Raised,
            Title = raised.Title,
            Description = raised.Description,
            Category = raised.Category,
            Urgency = raised.Urgency,
            Place = raised.Place,
            ReporterUserId = raised.ReporterUserId,
            IsMicroWish = raised.Category == MicroWishCategory,
            MediaCount = raised.Media?.Count ?? 0,
        },
        NeedAccepted accepted => state with
        {
            Status = NeedStatus.Accepted, HandlingClass = accepted.HandlingClass, HandleBy = accepted.HandleBy, Round = state.Round + 1, OverdueInRound = false,
        },
        NeedRejected => state with { Status = NeedStatus.Rejected, HandleBy = null },
        NeedMergedAsDuplicate => state with { Status = NeedStatus.Merged, HandleBy = null },
        CommunityHandlingStarted => state with { Status = NeedStatus.InCommunityHandling },
        NeedOverdue => state with { OverdueInRound = true },
        NeedEscalatedByWhistle escalated => state with { Status = NeedStatus.Escalated, CaseId = escalated.CaseId, HandleBy = null },
        NeedMatchedToProject matched => state with { Status = NeedStatus.InProject, ProjectId = matched.ProjectId, HandleBy = null },
        MicroWishClaimed claimed => state with { ClaimedBy = claimed.VolunteerId },
        MicroWishClaimLapsed => state with { ClaimedBy = null },
        NeedResolved => state with { Status = NeedStatus.Resolved, HandleBy = null, FeedbackGiven = false },
        FeedbackRecorded => state with { FeedbackGiven = true },
        NeedClosed => state with { Status = NeedStatus.Closed },
        NeedReturnedToCase returned => state with { Status = NeedStatus.Escalated, CaseId = returned.CaseId, FeedbackGiven = false },
        NeedMediaAdded added => state with { MediaCount = state.MediaCount + added.Media.Count },
        NeedReturnedFromProject returned => state with
        {
            Status = NeedStatus.Accepted, ProjectId = null, HandleBy = returned.HandleBy, Round = state.Round + 1, OverdueInRound = false,
        },
        NeedReopened reopened => state with
        {
            Status = NeedStatus.Accepted, HandleBy = reopened.HandleBy, Round = state.Round + 1, OverdueInRound = false, CaseId = null, FeedbackGiven = false,
        },
        MicroWishPublished => state,
    };
}
