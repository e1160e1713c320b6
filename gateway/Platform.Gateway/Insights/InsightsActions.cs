using Platform.Authorization;

namespace Platform.Gateway.Insights;

/// <summary>What the district view's endpoints do, and who may (docs/SECURITY.md lists these with every service's).</summary>
public static class InsightsActions
{
    public static readonly PlatformAction ReadOverview = PlatformAction.Read(
        "insights.overview", "查看辖区总览（五张清单与各社区情况）",
        PlatformRole.DistrictAdmin, PlatformRole.StreetStaff, PlatformRole.CommunityStaff, PlatformRole.Auditor);

    public static readonly PlatformAction Rebuild = PlatformAction.Write(
        "insights.rebuild", "重建辖区总览（各服务重新报送统计）", PlatformRole.DistrictAdmin);
}
