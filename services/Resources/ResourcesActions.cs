using static Platform.Authorization.PlatformRole;

namespace Platform.Resources;

/// <summary>What callers do in the Resources service, and who may. Whose community or unit it is, is checked again on
/// the record itself.</summary>
public static class ResourcesActions
{
    /// <summary>The catalogue and the codes the forms choose from: the same for everyone who works with the 资源清单.</summary>
    public static readonly PlatformAction ReadCatalogue = PlatformAction.Read(
        "resources.catalogue.read", "查看资源分类与代码", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    public static readonly PlatformAction ReadUnits = PlatformAction.Read(
        "resources.units.read", "查看共建单位", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    /// <summary>A community registers the units it co-builds with; the district office any unit.</summary>
    public static readonly PlatformAction ManageUnits = PlatformAction.Write(
        "resources.units.manage", "登记共建单位、调整服务社区、办理退出", DistrictAdmin, CommunityStaff);

    /// <summary>The unit's own members keep their liaison current, as the community does.</summary>
    public static readonly PlatformAction ChangeLiaison = PlatformAction.Write(
        "resources.units.liaison", "更换共建单位联络员", DistrictAdmin, CommunityStaff, UnitMember);

    public static readonly PlatformAction ReadAgreements = PlatformAction.Read(
        "resources.agreements.read", "查看共建协议", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    /// <summary>The community or street that signs an agreement keeps it: signing, renewal, termination.</summary>
    public static readonly PlatformAction ManageAgreements = PlatformAction.Write(
        "resources.agreements.manage", "签订、续签与终止共建协议", DistrictAdmin, StreetStaff, CommunityStaff);

    /// <summary>Each quarter the unit, or the party it signed with, reports what the agreement delivered.</summary>
    public static readonly PlatformAction ReportAgreements = PlatformAction.Write(
        "resources.agreements.report", "填报共建协议季度履约情况", StreetStaff, CommunityStaff, UnitMember);

    public static readonly PlatformAction ReadOffers = PlatformAction.Read(
        "resources.offers.read", "查看共建单位提供的资源及其日历", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    /// <summary>The unit publishes what it gives, as the community it serves may for it; the district any.</summary>
    public static readonly PlatformAction ManageOffers = PlatformAction.Write(
        "resources.offers.manage", "发布、调整与下架资源", DistrictAdmin, CommunityStaff, UnitMember);

    public static readonly PlatformAction ReadBookings = PlatformAction.Read(
        "resources.bookings.read", "查看资源预约", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    /// <summary>A community books for itself; a street or the district for one of its communities.</summary>
    public static readonly PlatformAction Book = PlatformAction.Write(
        "resources.bookings.book", "为社区预约资源", DistrictAdmin, StreetStaff, CommunityStaff);

    /// <summary>The booking party, or the unit whose offer it takes, releases a booking before it takes place.</summary>
    public static readonly PlatformAction ReleaseBookings = PlatformAction.Write(
        "resources.bookings.release", "释放资源预约", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember);

    public static readonly PlatformAction ReadContributions = PlatformAction.Read(
        "resources.contributions.read", "查看共建贡献与台账", DistrictAdmin, StreetStaff, CommunityStaff, UnitMember, Auditor);

    /// <summary>The unit reports what it gave; the community it gave to may record it for the unit.</summary>
    public static readonly PlatformAction ReportContributions = PlatformAction.Write(
        "resources.contributions.report", "登记共建单位的贡献", DistrictAdmin, CommunityStaff, UnitMember);

    /// <summary>The receiving side decides what enters the ledger: never the unit that gave.</summary>
    public static readonly PlatformAction ConfirmContributions = PlatformAction.Write(
        "resources.contributions.confirm", "确认、退回与更正贡献（冲销分录）", DistrictAdmin, StreetStaff, CommunityStaff);

    /// <summary>Offers suggested for a need, to whoever decides on the need: its community, street and the district.</summary>
    public static readonly PlatformAction ReadMatches = PlatformAction.Read(
        "resources.matches.read", "查看为需求推荐的资源", DistrictAdmin, StreetStaff, CommunityStaff, Auditor);

    public static readonly PlatformAction Audit = PlatformAction.Read(
        "resources.audit", "审计资源清单历史（回放、校验、导出）及联络员信息查看记录", DistrictAdmin, Auditor);
}
