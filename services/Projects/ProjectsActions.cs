using static Platform.Authorization.PlatformRole;

namespace Platform.Projects;

/// <summary>What callers do in the Projects service, and who may. Whose community, street or task it is, is checked
/// again on the project itself.</summary>
public static class ProjectsActions
{
    /// <summary>A unit's members read the projects their unit answers for a task of.</summary>
    public static readonly PlatformAction ReadProjects = PlatformAction.Read(
        "projects.projects.read", "查看项目清单与责任清单", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    /// <summary>The community, street or district that runs a project decides it and keeps its 责任清单.</summary>
    public static readonly PlatformAction ManageProjects = PlatformAction.Write(
        "projects.projects.manage", "立项、列入需求、分派任务、预约资源、逾期任务吹哨、完成项目", DistrictAdmin, StreetStaff, CommunityStaff);

    /// <summary>A task's owner reports its milestones, as the staff running the project may for it.</summary>
    public static readonly PlatformAction ReportProgress = PlatformAction.Write(
        "projects.progress.report", "报告任务进展节点", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember);

    /// <summary>A unit's members claim for their own unit; staff record a claim a unit made at the meeting for it.</summary>
    public static readonly PlatformAction ClaimProjects = PlatformAction.Write(
        "projects.claims.make", "认领项目或任务（须有生效的共建协议）", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember);

    public static readonly PlatformAction ReadMeetings = PlatformAction.Read(
        "projects.meetings.read", "查看联席会议、议程、纪要与反馈清单", DistrictAdmin, StreetStaff, CommunityStaff, Auditor);

    /// <summary>The community, street or district whose council it is keeps its roster and its meetings' minutes.</summary>
    public static readonly PlatformAction ManageMeetings = PlatformAction.Write(
        "projects.meetings.manage", "设定轮值名单、安排与召开联席会议、记录决定、评议反馈清单、办结纪要", DistrictAdmin, StreetStaff, CommunityStaff);

    public static readonly PlatformAction Audit = PlatformAction.Read(
        "projects.audit", "审计项目清单与联席会议历史（回放、校验、导出）", DistrictAdmin, Auditor);
}
