
namespace Platform.Needs.Tests.NeedList;

/// <summary>The events and commands the NeedList use-case tests start from.</summary>
internal static class NeedGivens
{
    internal const string NeedId = "need-0001";
    internal const string CaseId = "case-0001";

    internal static readonly DeciderSpecification<NeedCommand, NeedEvent, Need> Spec = new(NeedDecider.For(Decisions.Catalogue), Decisions.Actor, Decisions.Now);

    internal static readonly Place ThePlace = new("street-1", "community-1", "grid-1", "building-1", "幸福路 1 号");

    internal static readonly DateTimeOffset RaisedAt = Now.AddDays(-2);

    internal static readonly DateTimeOffset AcceptedAt = Now.AddDays(-1);

    internal static NeedRaised Raised(string category = "env", string urgency = "normal") => new(
        NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", category, urgency, ThePlace, new ReporterContact("张三", "13800001111"),
        "user-resident-1", "resident", null, "user-resident-1", RaisedAt);

    internal static NeedAccepted Accepted(string handlingClass = "general", double hours = 168) =>
        new(NeedId, handlingClass, AcceptedAt.AddHours(hours), "staff-community-1", AcceptedAt);

    internal static CommunityHandlingStarted HandlingStarted() => new(NeedId, "联系物业清运。", "staff-community-1", AcceptedAt.AddHours(1));

    internal static NeedEscalatedByWhistle Escalated() => new(NeedId, CaseId, WhistleLevels.Street, false, "staff-community-1", AcceptedAt.AddHours(2));

    internal static NeedResolved Resolved(string source = ResolutionSources.Community) => new(NeedId, "已清运。", source, "staff-community-1", Now.AddHours(-3));

    internal static FeedbackRecorded Feedback(bool resolved = true, bool satisfied = true) =>
        new(NeedId, resolved, satisfied, null, "staff-community-1", Now.AddHours(-2));

    internal static NeedClosed Closed() => new(NeedId, "staff-community-1", Now.AddHours(-1));

    internal static RaiseNeed ValidRaise() => new(
        NeedId, "  垃圾桶满溢 ", " 小区门口垃圾桶三天没清运。 ", "env", "normal", ThePlace, new ReporterContact(" 张三 ", " 138-0000-1111 "),
        "user-resident-1", "resident", "ext-1");
}
