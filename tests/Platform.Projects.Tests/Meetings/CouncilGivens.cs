using Platform.Projects.Meetings;

namespace Platform.Projects.Tests.Meetings;

/// <summary>永兴路's 大党委 (seed 001): its member units chair the joint meeting in turn.</summary>
internal static class CouncilGivens
{
    internal const string Actor = "yongxinglu-staff";

    internal static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    internal static readonly DeciderSpecification<CouncilCommand, CouncilEvent, Council> Spec = new(CouncilDecider.Decider, Actor, Now);

    internal static readonly CouncilParty Yongxinglu = new("yongxinglu", CouncilParty.Community, "yongchang", "yongxinglu");

    internal static readonly RosterMember Dianli = new("u-yxl-dianli", "区供电局");
    internal static readonly RosterMember Yiyuan = new("u-yxl-yiyuan", "区中医医院");
    internal static readonly RosterMember Laodong = new("u-laodong", "老东粥皇");

    internal static RosterSet Roster(params RosterMember[] members) => new(Yongxinglu, members, Actor, Now.AddDays(-60));

    internal static MeetingScheduled Scheduled(string meetingId, int number, RosterMember chair, DateTimeOffset heldAt) =>
        new(Yongxinglu, meetingId, number, heldAt, "永兴路社区党群服务中心", chair, Agenda.TopicsCloseOn(heldAt, 15), [], Actor, heldAt.AddDays(-30));

    internal static MeetingOpened Opened(string meetingId, DateTimeOffset at, params AgendaItem[] agenda) =>
        new(meetingId, agenda, [], [new Attendee("区供电局", "u-yxl-dianli")], Actor, at);

    internal static MeetingDecision ProjectDecision(string meetingId, int index, string projectId, string title) =>
        new($"{meetingId}-D{index}", MeetingDecision.Project, title, projectId, new DateOnly(2027, 3, 31));

    /// <summary>Meeting 1 held a month ago decided the 连心亭; its minutes are closed. Meeting 2 is today.</summary>
    internal static CouncilEvent[] FirstMeetingHeldAndSecondScheduled() =>
    [
        Roster(Dianli, Yiyuan, Laodong),
        Scheduled("M1", 1, Dianli, Now.AddDays(-30)),
        Opened("M1", Now.AddDays(-30)),
        new DecisionRecorded("M1", ProjectDecision("M1", 1, "P1", "连心亭建设"), null, Actor, Now.AddDays(-30)),
        new MinutesClosed("M1", "议定连心亭建设。", Actor, Now.AddDays(-29)),
        Scheduled("M2", 2, Yiyuan, Now.AddHours(1)),
    ];

    internal static readonly AgendaItem LianxintingFeedback = new(AgendaItem.Feedback, "M1-D1", "连心亭建设", "第 1 次会议议定；进度 50%，按期推进", false);
}
