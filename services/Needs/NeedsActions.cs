using Platform.Authorization;
using static Platform.Authorization.PlatformRole;

namespace Platform.Needs;

/// <summary>What callers do in the Needs service, and who may. Entity scope (whose community, which department) is
/// checked again by the handlers on the need or case itself.</summary>
public static class NeedsActions
{
    public static readonly PlatformAction ReadCatalogue = PlatformAction.Read(
        "needs.catalogue.read", "查看需求类别与时限", [.. PlatformRoles.All]);

    public static readonly PlatformAction ReadNeeds = PlatformAction.Read(
        "needs.read", "查看需求清单", DistrictAdmin, StreetStaff, CommunityStaff, Volunteer, Resident, Auditor);

    /// <summary>Residents, grid workers and building heads (volunteer accounts) and community staff raise needs.</summary>
    public static readonly PlatformAction RaiseNeed = PlatformAction.Write(
        "needs.raise", "登记需求", CommunityStaff, Volunteer, Resident);

    /// <summary>A need's reporter, and the community handling it, add photos and documents while it is worked on.</summary>
    public static readonly PlatformAction AddNeedMedia = PlatformAction.Write(
        "needs.media.add", "为需求补充照片或文件", CommunityStaff, Volunteer, Resident);

    public static readonly PlatformAction TriageNeeds = PlatformAction.Write(
        "needs.triage", "受理、退回、合并、办结、回访、关闭与重办需求", CommunityStaff);

    public static readonly PlatformAction ReadCases = PlatformAction.Read(
        "cases.read", "查看吹哨案件", DistrictAdmin, StreetStaff, CommunityStaff, DepartmentStaff, Auditor);

    public static readonly PlatformAction BlowWhistle = PlatformAction.Write(
        "cases.blow", "吹哨", CommunityStaff);

    public static readonly PlatformAction DispatchCases = PlatformAction.Write(
        "cases.dispatch", "派单、决定转办与升级案件", DistrictAdmin, StreetStaff);

    public static readonly PlatformAction HandleCases = PlatformAction.Write(
        "cases.handle", "签收（报到）、记录进展、上传办理照片、反馈结果与申请转办", DepartmentStaff);

    /// <summary>On-site verification and what follows it in the community: the callback, closing and 重办.</summary>
    public static readonly PlatformAction VerifyCases = PlatformAction.Write(
        "cases.verify", "现场核实、回访、结案与重办案件", CommunityStaff);

    public static readonly PlatformAction ReadScores = PlatformAction.Read(
        "needs.scores.read", "查看部门考评与看板", DistrictAdmin, StreetStaff, DepartmentStaff, Auditor);

    public static readonly PlatformAction ReadNotifications = PlatformAction.Read(
        "needs.notifications.read", "查看待办提醒（居民：自己所提需求的进展）", DistrictAdmin, StreetStaff, CommunityStaff, DepartmentStaff, Resident);

    public static readonly PlatformAction Audit = PlatformAction.Read(
        "needs.audit", "审计需求与案件历史（回放、校验、导出）及诉求人信息查看记录", DistrictAdmin, Auditor);
}
