using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Authorization;
using Platform.ServiceDefaults.Audit;

namespace Platform.Gateway.Identity.Organization;

/// <summary>What the identity module opens to auditors: the district's organization stream (who registered, renamed or
/// closed which unit, and when) and the log of who saw a unit's contact unmasked, on the kernel's audit endpoints.</summary>
public static class OrganizationAudit
{
    public const string Prefix = "/api/identity/audit";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddOrganizationAudit(this IServiceCollection services) => services.AddStreamAudit(
        new Narrator(),
        new AuditedKind("organization", "组织架构", Organization.StreamId, State, _ => "组织架构"));

    public static IEndpointRouteBuilder MapOrganizationAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStreamAudit(IdentityActions.Audit, Prefix);
        return endpoints;
    }

    private static object State(IReadOnlyList<IEvent> events)
    {
        var organization = events.Aggregate(Organization.Empty, (state, stored) => Organization.Evolve(state, stored.Data));
        return new AuditedOrganization(events[^1].Version, [.. organization.Units.Values.OrderBy(unit => unit.UnitId, StringComparer.Ordinal)]);
    }

    public sealed record AuditedOrganization(long Version, IReadOnlyList<OrganizationUnitState> Units);

    private sealed class Narrator : IEventNarrator
    {
        private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
        {
            ["unitId"] = "单位编号", ["kind"] = "类型", ["name"] = "名称", ["parentId"] = "上级单位", ["streetId"] = "街道",
            ["communityId"] = "社区", ["facts"] = "概况", ["contact"] = "联系人", ["phone"] = "电话", ["title"] = "职务", ["reason"] = "原因",
        };

        public string FieldName(string field) => FieldNames.GetValueOrDefault(field, field);

        public string TitleOf(object data) => data switch
        {
            UnitRegistered registered => $"登记「{registered.Name}」",
            UnitRenamed renamed => $"更名为「{renamed.Name}」",
            UnitClosed => "撤销",
            _ => data.GetType().Name,
        };

        public JsonObject Details(object data)
        {
            var json = JsonSerializer.SerializeToNode(data, data.GetType(), Json)!.AsObject();
            PersonalData.MaskPersonIn(json, "contact");
            return json;
        }

        // The tree's events carry no time of their own: they take effect when they are recorded.
        public DateTimeOffset BusinessTime(IEvent stored) => stored.Timestamp;
    }
}
