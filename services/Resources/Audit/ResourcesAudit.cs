using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Resources.Agreements;
using Platform.Resources.Units;
using Platform.ServiceDefaults.Audit;

namespace Platform.Resources.Audit;

/// <summary>What Resources opens to auditors, on the kernel's audit endpoints: the co-building units' and agreements'
/// histories, with the liaison masked as auditors see every personal field.</summary>
public static class ResourcesAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddResourcesAudit(this IServiceCollection services) => services.AddStreamAudit<Narrator>(
        new AuditedKind("units", "共建单位", CoBuildingUnit.StreamId, UnitState, events => events[0].Data is UnitJoined joined ? joined.Name : null),
        new AuditedKind("agreements", "共建协议", Agreement.StreamId, AgreementState,
            events => events[0].Data is AgreementSigned signed ? $"{signed.UnitName}：{signed.Title}" : null));

    public static IEndpointRouteBuilder MapResourcesAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStreamAudit(ResourcesActions.Audit);
        return endpoints;
    }

    private static JsonObject UnitState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new UnitView(), (state, stored) => UnitView.Apply(state, (UnitEvent)stored.Data)) with { Version = events[^1].Version });

    private static JsonObject AgreementState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new AgreementView(), (state, stored) => AgreementView.Apply(state, (AgreementEvent)stored.Data)) with { Version = events[^1].Version });

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
        };

        public string TitleOf(object data) => data is AgreementEvent ? AgreementEndpoints.TitleOf(data) : UnitEndpoints.TitleOf(data);

        public JsonObject Details(object data) => Masked(data);

        public DateTimeOffset BusinessTime(IEvent stored) => stored.Data switch
        {
            UnitEvent unit => unit.At(),
            AgreementEvent agreement => agreement.At(),
            _ => stored.Timestamp,
        };

        public string FieldName(string field) => FieldNames.GetValueOrDefault(field, field);

        public async Task<Func<string, string, string?>> ValueNamesAsync(
            string districtCode, string kind, IReadOnlyList<JsonObject> details, CancellationToken cancellationToken)
        {
            var places = await directory.NamesAsync(districtCode, details.SelectMany(PlacesIn), cancellationToken);
            return (field, value) => field switch
            {
                "communityId" or "streetId" or "partyId" => places.GetValueOrDefault(value),
                "kind" => UnitKinds.Names.GetValueOrDefault(value),
                "status" when kind == "agreements" => AgreementEndpoints.StatusName(value),
                "status" => value switch { UnitView.Active => "共建中", UnitView.Left => "已退出", _ => null },
                "measure" => CommitmentMeasures.Names.GetValueOrDefault(value),
                "per" => CommitmentPeriods.Names.GetValueOrDefault(value),
                _ => null,
            };
        }

        private static IEnumerable<string> PlacesIn(JsonNode? node) => node switch
        {
            JsonObject record => record.SelectMany(field => field.Key is "communityId" or "streetId" or "partyId" && field.Value is JsonValue value
                && value.TryGetValue<string>(out var id) ? [id] : PlacesIn(field.Value)),
            JsonArray list => list.SelectMany(PlacesIn),
            _ => [],
        };
    }
}
