using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Resources.Units;
using Platform.ServiceDefaults.Audit;

namespace Platform.Resources.Audit;

/// <summary>What Resources opens to auditors, on the kernel's audit endpoints: the co-building units' histories, with the
/// liaison masked as auditors see every personal field.</summary>
public static class ResourcesAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddResourcesAudit(this IServiceCollection services) => services.AddStreamAudit<Narrator>(
        new AuditedKind("units", "共建单位", CoBuildingUnit.StreamId, UnitState, events => events[0].Data is UnitJoined joined ? joined.Name : null));

    public static IEndpointRouteBuilder MapResourcesAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStreamAudit(ResourcesActions.Audit);
        return endpoints;
    }

    private static JsonObject UnitState(IReadOnlyList<IEvent> events) => Masked(
        events.Aggregate(new UnitView(), (state, stored) => UnitView.Apply(state, (UnitEvent)stored.Data)) with { Version = events[^1].Version });

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
            ["version"] = "版本",
        };

        public string TitleOf(object data) => UnitEndpoints.TitleOf(data);

        public JsonObject Details(object data) => Masked(data);

        public DateTimeOffset BusinessTime(IEvent stored) => stored.Data is UnitEvent unit ? unit.At() : stored.Timestamp;

        public string FieldName(string field) => FieldNames.GetValueOrDefault(field, field);

        public async Task<Func<string, string, string?>> ValueNamesAsync(
            string districtCode, string kind, IReadOnlyList<JsonObject> details, CancellationToken cancellationToken)
        {
            var places = await directory.NamesAsync(districtCode, details.SelectMany(PlacesIn), cancellationToken);
            return (field, value) => field switch
            {
                "communityId" or "streetId" => places.GetValueOrDefault(value),
                "kind" => UnitKinds.Names.GetValueOrDefault(value),
                "status" => value switch { UnitView.Active => "共建中", UnitView.Left => "已退出", _ => null },
                _ => null,
            };
        }

        private static IEnumerable<string> PlacesIn(JsonNode? node) => node switch
        {
            JsonObject record => record.SelectMany(field => field.Key is "communityId" or "streetId" && field.Value is JsonValue value
                && value.TryGetValue<string>(out var id) ? [id] : PlacesIn(field.Value)),
            JsonArray list => list.SelectMany(PlacesIn),
            _ => [],
        };
    }
}
