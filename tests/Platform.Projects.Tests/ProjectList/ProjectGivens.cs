namespace Platform.Projects.Tests.ProjectList;

/// <summary>The project the use-case tests start from: seed 003's 富民街 turns the residents' parking need into a
/// 微项目, a parking lot built with special funds, its surveying given to a co-building unit.</summary>
internal static class ProjectGivens
{
    internal const string ProjectId = "P20261207-000000000001";
    internal const string Actor = "fumin-staff";
    internal const string Name = "富民街停车场改造";

    internal static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));
    internal static readonly DateOnly Today = new(2026, 12, 7);
    internal static readonly DateOnly DueOn = new(2027, 6, 30);

    internal static readonly DeciderSpecification<ProjectCommand, ProjectEvent, Project> Spec = new(ProjectDecider.Decider, Actor, Now);

    internal static readonly ProjectParty Fuminjie = new("yongchang", "fuminjie");

    internal static readonly ProjectNeed Parking = new("N20261120-000000000001", "邮电局家属楼停车难");
    internal static readonly ProjectNeed Lighting = new("N20261121-000000000002", "胡同路灯不亮");

    internal static readonly TaskDraft Survey = new("测绘场地并出方案", null, "u-fmj-cehui", new DateOnly(2027, 1, 31));
    internal static readonly TaskDraft Build = new("施工建设停车场", "街道城建科", null, new DateOnly(2027, 5, 31));

    internal static DecideProject Decide(IReadOnlyList<ProjectNeed>? needs = null, IReadOnlyList<TaskDraft>? tasks = null, DateOnly? dueOn = null) =>
        new(ProjectId, Name, "利用专项经费把闲置空地改为停车场，缓解邮电局家属楼停车难。", Fuminjie, "专项经费", dueOn ?? DueOn, needs ?? [Parking],
            tasks ?? [Survey with { OwnerName = "富民测绘公司" }, Build], MeetingId: null);

    internal static readonly ResponsibilityTask SurveyTask = new("T1", "测绘场地并出方案", new TaskOwner("富民测绘公司", "u-fmj-cehui"), new DateOnly(2027, 1, 31), null);
    internal static readonly ResponsibilityTask BuildTask = new("T2", "施工建设停车场", new TaskOwner("街道城建科", null), new DateOnly(2027, 5, 31), null);

    internal static ProjectDecided Decided(DateTimeOffset? at = null) =>
        new(ProjectId, Name, "利用专项经费把闲置空地改为停车场，缓解邮电局家属楼停车难。", Fuminjie, "专项经费", DueOn, [SurveyTask, BuildTask], null, Actor,
            at ?? Now.AddDays(-10));

    internal static NeedTakenIntoProject Taken(ProjectNeed need, DateTimeOffset? at = null) =>
        new(ProjectId, Name, need.NeedId, need.Title, Actor, at ?? Now.AddDays(-10));

    internal static MilestoneReached Reached(string taskId, bool completes, DateOnly? on = null) =>
        new(ProjectId, Name, taskId, taskId == "T1" ? SurveyTask.What : BuildTask.What, completes ? "完成" : "进场", null, on ?? Today.AddDays(-1), completes,
            completes ? 1 : 0, 2, Actor, Now.AddDays(-1));

    /// <summary>富民街's 党建联盟: the 富民市政工程队 co-builds with 富民街 and promised 200 hours of service a year.</summary>
    internal static readonly ClaimingUnit Shizheng = new("u-fmj-shizheng", "富民市政工程队");
    internal static readonly ClaimingUnit Cehui = new("u-fmj-cehui", "富民测绘公司");

    internal static CommitmentStanding Hours(decimal delivered = 40, decimal pledged = 60) =>
        new("A20260101-000000000001", "志愿服务", "hours", 200, delivered, pledged);

    internal static ProjectClaimed Claimed(string claimId, ClaimingUnit unit, string? taskId, decimal? hours = null) =>
        new(ProjectId, claimId, unit.UnitId, unit.Name, taskId, taskId is null ? null : taskId == "T1" ? SurveyTask.What : BuildTask.What,
            hours is null ? null : new ClaimPledge("A20260101-000000000001", "志愿服务", "hours", hours.Value), null, "shizheng-member", Now.AddDays(-2));

    internal static ClaimConfirmed Confirmed(string claimId, ClaimingUnit unit, string? taskId) =>
        new(ProjectId, claimId, unit.UnitId, unit.Name, taskId, taskId is null ? null : taskId == "T1" ? SurveyTask.What : BuildTask.What, Actor, Now.AddDays(-1));

    internal static TaskEvidenceAdded Evidence(string taskId, string attachmentId = "0193a000-0000-7000-8000-000000000001") =>
        new(ProjectId, taskId, taskId == "T1" ? SurveyTask.What : BuildTask.What, new TaskEvidence(attachmentId, "现场.jpg", "image/jpeg", 2048, "ab12"), Actor,
            Now.AddDays(-1));
}
