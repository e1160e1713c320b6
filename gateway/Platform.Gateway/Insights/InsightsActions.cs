using Platform.Authorization;

namespace Platform.Gateway.Insights;

/// <summary>What the district view's endpoints do, and who may (docs/SECURITY.md lists these with every service's).</summary>
public static class InsightsActions
{
    public static readonly PlatformAction ReadOverview = PlatformAction.Read(
        "insights.overview", "查看辖区总览（五张清单与各社区情况）",
        PlatformRole.DistrictAdmin, PlatformRole.StreetStaff, PlatformRole.CommunityStaff, PlatformRole.Auditor);

    public static readonly PlatformAction ReadReport = PlatformAction.Read(
        "insights.report", "下载街道或全区的月度工作报表（网页与 Excel）", PlatformRole.DistrictAdmin, PlatformRole.StreetStaff, PlatformRole.Auditor);

    public static readonly PlatformAction ReadAlerts = PlatformAction.Read(
        "insights.alerts.read", "查看提醒中心与提醒摘要",
        PlatformRole.DistrictAdmin, PlatformRole.StreetStaff, PlatformRole.CommunityStaff, PlatformRole.Auditor);

    public static readonly PlatformAction AcknowledgeAlerts = PlatformAction.Write(
        "insights.alerts.acknowledge", "将提醒标为本人已读或确认处理", PlatformRole.DistrictAdmin, PlatformRole.StreetStaff, PlatformRole.CommunityStaff);

    public static readonly PlatformAction Rebuild = PlatformAction.Write(
        "insights.rebuild", "重建辖区总览（各服务重新报送统计）", PlatformRole.DistrictAdmin);
}
