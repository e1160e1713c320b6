namespace Platform.Volunteers.Tests.Registry;

/// <summary>双报到 of a unit: 华昱家园物业 reports to 兴华南里, where it is, and the community confirms its duty.</summary>
public sealed class UnitReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DeciderSpecification<UnitReportCommand, UnitReportEvent, UnitReport> Spec = new(UnitReportDecider.Decider, "huayu-wuye-member", Now);

    private static UnitReported Reported() => new("u-xhnl-huayu-wuye", "华昱家园物业服务有限公司", "linxiaolu", "xinghuananli", "华昱物业党支部", 12,
        "小区环境整治、楼道照明维修", "huayu-wuye-member", Now);

    [Fact]
    public void A_unit_reports_with_its_party_organization_and_what_it_offers() =>
        Spec.Given().When(new ReportUnit("u-xhnl-huayu-wuye", "华昱家园物业服务有限公司", "linxiaolu", "xinghuananli", " 华昱物业党支部 ", 12, " 小区环境整治、楼道照明维修 "))
            .Then(Reported());

    [Fact]
    public void A_report_names_its_organization_and_offer_and_is_confirmed_once()
    {
        Spec.Given().When(new ReportUnit("u-1", "单位", "linxiaolu", "xinghuananli", "", -1, null)).ThenInvalid("partyOrganization", "partyMembers", "offering");
        Spec.Given(Reported()).When(new ConfirmUnitReport("负责 3 号楼的楼道照明")).Then(
            new UnitReportConfirmed("u-xhnl-huayu-wuye", "负责 3 号楼的楼道照明", "huayu-wuye-member", Now));
        Spec.Given(Reported(), new UnitReportConfirmed("u-xhnl-huayu-wuye", "楼道照明", "xinghua-staff", Now)).When(new ConfirmUnitReport("再确认"))
            .ThenThrows<RuleViolationException>();
        Spec.Given(Reported()).When(new ReportUnit("u-xhnl-huayu-wuye", "华昱", "linxiaolu", "xinghuananli", "支部", 1, "服务")).ThenThrows<RuleViolationException>();
        Spec.Given().When(new ConfirmUnitReport("楼道照明")).ThenThrows<NotFoundException>();
    }
}
