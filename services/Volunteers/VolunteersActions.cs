using static Platform.Authorization.PlatformRole;

namespace Platform.Volunteers;

/// <summary>What callers do in the Volunteers service, and who may. Whose community a volunteer, team or activity is
/// in, or whose own record it is, is checked again on the record itself.</summary>
public static class VolunteersActions
{
    /// <summary>A volunteer reads their own record, hours and points, and the activities they may join.</summary>
    public static readonly PlatformAction ReadVolunteers = PlatformAction.Read(
        "volunteers.read", "查看志愿者、报到党员、服务队伍与活动", DistrictAdmin, StreetStaff, CommunityStaff, Volunteer, Resident, Auditor);

    /// <summary>A volunteer's or resident's own record, hours and points.</summary>
    public static readonly PlatformAction ReadOwnRecord = PlatformAction.Read(
        "volunteers.me", "查看本人的志愿者登记、时长、积分与星级", Volunteer, Resident);

    /// <summary>The community a member reports to confirms the report and sets the post; it keeps its teams and activities.</summary>
    public static readonly PlatformAction ManageVolunteers = PlatformAction.Write(
        "volunteers.manage", "登记与确认报到（设岗定责）、组建服务队伍、安排活动、出示签到码、登记现场参与、核定与更正时长积分、审核补录、登记兑换礼品", DistrictAdmin, StreetStaff, CommunityStaff);

    /// <summary>A resident or volunteer registers themselves and takes part; staff may do it for them.</summary>
    public static readonly PlatformAction TakePart = PlatformAction.Write(
        "volunteers.take-part", "本人登记为志愿者、报名或取消报名活动、凭签到码签到签退、申请补录、兑换积分", DistrictAdmin, StreetStaff, CommunityStaff, Volunteer, Resident);

    /// <summary>The micro-wish board shows the wish, never the household; a unit's members read their community's.</summary>
    public static readonly PlatformAction ReadWishes = PlatformAction.Read(
        "volunteers.wishes.read", "查看微心愿墙", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Volunteer, Resident, Auditor);

    /// <summary>A volunteer claims for themselves, a unit's member for their unit, staff for a volunteer or a team of the community.</summary>
    public static readonly PlatformAction ClaimWishes = PlatformAction.Write(
        "volunteers.wishes.claim", "认领并实现微心愿（上传照片、登记服务时长）", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Volunteer, Resident);

    /// <summary>A household's file (一户一档) is the community's staff's and its responsible member's only.</summary>
    public static readonly PlatformAction ReadHouseholds = PlatformAction.Read(
        "volunteers.households.read", "查看三色管理户档案（本社区或本人联系的住户）", CommunityStaff, Volunteer, Resident);

    public static readonly PlatformAction ManageHouseholds = PlatformAction.Write(
        "volunteers.households.manage", "建立一户一档、调整颜色（须写明理由）、更换联系党员", CommunityStaff);

    public static readonly PlatformAction VisitHouseholds = PlatformAction.Write(
        "volunteers.households.visit", "登记走访", CommunityStaff, Volunteer, Resident);

    /// <summary>The street and the district see how many households of each colour and how many visits are overdue, never a file.</summary>
    public static readonly PlatformAction CountHouseholds = PlatformAction.Read(
        "volunteers.households.counts", "查看各社区三色户数与逾期走访数", DistrictAdmin, StreetStaff, CommunityStaff, Auditor);

    /// <summary>双报到: the employer of in-service members gets each quarter's record of their service.</summary>
    public static readonly PlatformAction EmployerSheets = PlatformAction.Read(
        "volunteers.reports.employer", "查看与打印在职党员季度服务情况反馈单（本单位或本辖区）", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember);

    /// <summary>A unit reports for itself; staff record a report for a unit of their place.</summary>
    public static readonly PlatformAction ReportUnits = PlatformAction.Write(
        "volunteers.units.report", "单位向所在社区报到（双报到）", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember);

    public static readonly PlatformAction ReadUnitReports = PlatformAction.Read(
        "volunteers.units.read", "查看单位报到与双报到覆盖情况", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    public static readonly PlatformAction Audit = PlatformAction.Read(
        "volunteers.audit", "审计志愿者、队伍、活动与微心愿历史（回放、校验、导出）", DistrictAdmin, Auditor);
}
