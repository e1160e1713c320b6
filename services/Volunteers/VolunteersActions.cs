using static Platform.Authorization.PlatformRole;

namespace Platform.Volunteers;

/// <summary>What callers do in the Volunteers service, and who may. Whose community a volunteer, team or activity is
/// in, or whose own record it is, is checked again on the record itself.</summary>
public static class VolunteersActions
{
    /// <summary>A volunteer reads their own record, hours and points, and the activities they may join.</summary>
    public static readonly PlatformAction ReadVolunteers = PlatformAction.Read(
        "volunteers.read", "查看志愿者、报到党员、服务队伍与活动", DistrictAdmin, StreetStaff, CommunityStaff, Volunteer, Resident, Auditor);

    /// <summary>The community a member reports to confirms the report and sets the post; it keeps its teams and activities.</summary>
    public static readonly PlatformAction ManageVolunteers = PlatformAction.Write(
        "volunteers.manage", "登记与确认报到（设岗定责）、组建服务队伍、安排活动、出示签到码、登记现场参与、核定时长与积分", DistrictAdmin, StreetStaff, CommunityStaff);

    /// <summary>A resident or volunteer registers themselves and takes part; staff may do it for them.</summary>
    public static readonly PlatformAction TakePart = PlatformAction.Write(
        "volunteers.take-part", "本人登记为志愿者、报名或取消报名活动、凭签到码签到签退", DistrictAdmin, StreetStaff, CommunityStaff, Volunteer, Resident);

    public static readonly PlatformAction Audit = PlatformAction.Read(
        "volunteers.audit", "审计志愿者、队伍与活动历史（回放、校验、导出）", DistrictAdmin, Auditor);
}
