namespace Platform.Needs.NeedList;

/// <summary>
/// The 需求清单's funnel: how far a need has come. A need counts in the month it was raised, and in every stage it has
/// reached: taken on by its community, matched to a joint meeting's project, whistled to the departments, resolved.
/// Being taken on, matched or whistled stays reached when the need moves on; resolved holds only while the need is
/// resolved (a reopened need, or one sent back to its case, is not).
/// </summary>
public static class NeedFunnel
{
    public const string Accepted = "accepted";
    public const string Project = "project";
    public const string Whistled = "whistled";
    public const string Resolved = "resolved";

    /// <summary>The stages in the order a need passes them; raising, the first, every need has reached.</summary>
    public static readonly IReadOnlyList<string> Stages = [Accepted, Project, Whistled, Resolved];

    public static IReadOnlyList<string> After(IReadOnlyList<string> reached, NeedEvent @event) => @event switch
    {
        NeedAccepted => With(reached, Accepted),
        NeedMatchedToProject => With(reached, Project),
        NeedEscalatedByWhistle => With(reached, Whistled),
        NeedResolved => With(reached, Resolved),
        NeedReopened or NeedReturnedToCase => [.. reached.Where(stage => stage != Resolved)],
        _ => reached,
    };

    private static IReadOnlyList<string> With(IReadOnlyList<string> reached, string stage) =>
        reached.Contains(stage) ? reached : [.. Stages.Where(known => known == stage || reached.Contains(known))];
}
