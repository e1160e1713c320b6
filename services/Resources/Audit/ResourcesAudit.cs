using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Contracts.Catalogue;
using Platform.Resources.Agreements;
using Platform.Resources.Contributions;
using Platform.Resources.Offers;
using Platform.Resources.Units;
using Platform.ServiceDefaults.Audit;

namespace Platform.Resources.Audit;

/// <summary>What Resources opens to auditors, on the kernel's audit endpoints: the co-building units' and agreements'
/// histories, and the offers' with their bookings, with the liaison masked as auditors see every personal field.</summary>
public static class ResourcesAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddResourcesAudit(this IServiceCollection services) => services.AddStreamAudit<Narrator>(
        new AuditedKind("units", "共建单位", CoBuildingUnit.StreamId, UnitState, events => events[0].Data is UnitJoined joined ? joined.Name : null),
        new AuditedKind("agreements", "共建协议", Agreement.StreamId, AgreementState,
            events => events[0].Data is AgreementSigned signed ? $"{signed.UnitName}：{signed.Title}" : null),
        new AuditedKind("offers", "资源与预约", Offer.StreamId, OfferState,
            events => events[0].Data is OfferPublished published ? $"{published.UnitName}：{published.Title}" : null),
        new AuditedKind("contributions", "共建贡献与台账分录", Contribution.StreamId, ContributionState,
            events => events[0].Data is ContributionReported reported ? $"{reported.UnitName}：{reported.What}" : null));

    public static IEndpointRouteBuilder MapResourcesAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStreamAudit(ResourcesActions.Audit);
        return endpoints;
    }

    private static JsonObject UnitState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new UnitView(), (state, stored) => UnitView.Apply(state, (UnitEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject AgreementState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new AgreementView(), (state, stored) => AgreementView.Apply(state, (AgreementEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject OfferState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new OfferView(), (state, stored) => OfferView.Apply(state, (OfferEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject ContributionState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new ContributionView(), (state, stored) => ContributionView.Apply(state, (ContributionEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject Masked(object value)
    {
        var json = JsonSerializer.SerializeToNode(value, value.GetType(), Json)!.AsObject();
        PersonalData.MaskPersonIn(json, "liaison");
        return json;
    }

    private sealed class Narrator(OrganizationDirectory directory) : IEventNarrator
    {
        private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
        {
            ["unitId"] = "单位编号", ["id"] = "单位编号", ["name"] = "名称", ["kind"] = "类型", ["status"] = "状态", ["liaison"] = "联络员",
            ["phone"] = "电话", ["title"] = "职务", ["communities"] = "服务社区", ["communityId"] = "社区", ["streetId"] = "街道",
            ["reason"] = "原因", ["joinedAt"] = "加入时间", ["updatedAt"] = "最后更新", ["leftAt"] = "退出时间", ["leftReason"] = "退出原因",
            ["version"] = "版本", ["agreementId"] = "协议编号", ["unitName"] = "共建单位", ["party"] = "签约方", ["partyId"] = "签约方",
            ["startsOn"] = "开始日期", ["endsOn"] = "结束日期", ["commitments"] = "承诺", ["what"] = "内容", ["measure"] = "计量", ["amount"] = "数量",
            ["per"] = "周期", ["quarter"] = "季度", ["summary"] = "履约情况", ["reports"] = "季度报告", ["expiryWarned"] = "已提醒到期",
            ["renewals"] = "续签次数", ["terminationReason"] = "终止原因", ["signedAt"] = "签订时间", ["reportedAt"] = "报告时间",
            ["offerId"] = "资源编号", ["description"] = "说明", ["category"] = "服务类别", ["item"] = "服务项目", ["capacity"] = "容量", ["scope"] = "计法",
            ["availability"] = "可用时间", ["from"] = "开始", ["until"] = "结束", ["windows"] = "每周开放时段", ["day"] = "星期", ["to"] = "结束",
            ["blackouts"] = "停用日期", ["reach"] = "可预约的社区", ["bookings"] = "预约", ["bookingId"] = "预约编号", ["for"] = "预约方",
            ["projectId"] = "项目", ["date"] = "日期", ["quantity"] = "数量", ["purpose"] = "用途", ["released"] = "已释放",
            ["withdrawnReason"] = "下架原因", ["publishedAt"] = "发布时间", ["bookedAt"] = "预约时间", ["releasedAt"] = "释放时间",
            ["withdrawnAt"] = "下架时间", ["contributionId"] = "贡献编号", ["counts"] = "计入承诺", ["commitment"] = "计入承诺",
            ["occurredOn"] = "发生日期", ["entry"] = "分录", ["entryId"] = "分录编号", ["lines"] = "分录行", ["account"] = "账户",
            ["reversal"] = "冲销分录", ["replacement"] = "更正分录", ["reportedAmount"] = "登记数量", ["declineReason"] = "退回原因",
            ["corrections"] = "更正", ["confirmedAt"] = "确认时间", ["declinedAt"] = "退回时间", ["correctedAt"] = "更正时间",
        };

        public string TitleOf(object data) => data switch
        {
            AgreementEvent => AgreementEndpoints.TitleOf(data),
            OfferEvent => OfferEndpoints.TitleOf(data),
            ContributionEvent => ContributionEndpoints.TitleOf(data),
            _ => UnitEndpoints.TitleOf(data),
        };

        public JsonObject Details(object data) => Masked(data);

        public DateTimeOffset BusinessTime(IEvent stored) => stored.Data switch
        {
            UnitEvent unit => unit.At(),
            AgreementEvent agreement => agreement.At(),
            OfferEvent offer => offer.At(),
            ContributionEvent contribution => contribution.At(),
            _ => stored.Timestamp,
        };

        private static readonly HashSet<string> PlaceFields = ["communityId", "streetId", "partyId"];

        public string FieldName(string field) => FieldNames.GetValueOrDefault(field, field);

        public async Task<Func<string, string, string?>> ValueNamesAsync(
            string districtCode, string kind, IReadOnlyList<JsonObject> details, CancellationToken cancellationToken)
        {
            var places = await directory.NamesAsync(districtCode, details.SelectMany(detail => AuditedPlaces.IdsIn(detail, PlaceFields)), cancellationToken);
            return (field, value) => field switch
            {
                "communityId" or "streetId" or "partyId" => places.GetValueOrDefault(value),
                "kind" when kind == "offers" => OfferKinds.Names.GetValueOrDefault(value),
                "kind" when kind == "contributions" => LedgerKinds.Names.GetValueOrDefault(value),
                "kind" => UnitKinds.Names.GetValueOrDefault(value),
                "category" => ServiceCatalogue.Find(value)?.Name,
                "scope" => value switch { OfferCapacity.AtATime => "同一时段", OfferCapacity.InTotal => "总量", _ => null },
                "status" when kind == "offers" => OfferEndpoints.StatusName(value),
                "status" when kind == "contributions" => ContributionEndpoints.StatusName(value),
                "status" when kind == "agreements" => AgreementEndpoints.StatusName(value),
                "status" => value switch { UnitView.Active => "共建中", UnitView.Left => "已退出", _ => null },
                "day" when int.TryParse(value, out var day) && day is >= 0 and <= 6 => OfferEndpoints.WeekdayName((DayOfWeek)day),
                "measure" when kind == "offers" => OfferMeasures.Names.GetValueOrDefault(value),
                "measure" => CommitmentMeasures.Names.GetValueOrDefault(value),
                "per" => CommitmentPeriods.Names.GetValueOrDefault(value),
                _ => null,
            };
        }
    }
}
