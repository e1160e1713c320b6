using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Authorization;
using Platform.Needs.Api;
using Platform.Needs.Cases;
using Platform.Needs.Catalogue;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;
using Platform.ServiceDefaults.Audit;

namespace Platform.Needs.Audit;

/// <summary>What Needs opens to auditors: needs and whistle cases, read as their timelines read, with the views the
/// console shows as their state. The endpoints themselves are the kernel's (<see cref="StreamAuditEndpoints"/>).</summary>
public static class NeedsAudit
{
    public static IServiceCollection AddNeedsAudit(this IServiceCollection services) => services.AddStreamAudit<Narrator>(
        new AuditedKind("needs", "需求", Need.StreamId, NeedState, events => events[0].Data is NeedRaised raised ? PersonalData.MaskInText(raised.Title) : null),
        new AuditedKind("cases", "吹哨案件", WhistleCase.StreamId, CaseState, events => events[0].Data is WhistleBlown blown ? PersonalData.MaskInText(blown.Title) : null));

    public static IEndpointRouteBuilder MapNeedsAudit(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStreamAudit(NeedsActions.Audit);
        return endpoints;
    }

    private static JsonObject NeedState(IReadOnlyList<IEvent> events) =>
        Timeline.Details(events.Aggregate(new NeedView(), (state, stored) => NeedView.Apply(state, stored.Data)) with { Version = events[^1].Version });

    private static JsonObject CaseState(IReadOnlyList<IEvent> events) =>
        Timeline.Details(events.Aggregate(new CaseView(), (state, stored) => CaseView.Apply(state, stored.Data)) with { Version = events[^1].Version });

    private sealed class Narrator(NeedsCatalogue catalogue, OrganizationDirectory directory) : IEventNarrator
    {
        /// <summary>The fields that hold ids of the org tree: streets, communities, grids, buildings, departments, units.</summary>
        private static readonly HashSet<string> UnitFields = new(StringComparer.Ordinal)
        {
            "streetId", "communityId", "gridId", "buildingId", "leadDepartmentId", "assistingDepartmentIds", "participatingUnitIds",
            "departmentId", "departmentIds", "signedDepartmentIds", "toDepartmentId", "fromDepartmentId", "suggestedDepartmentId",
        };

        public string TitleOf(object data) => Timeline.TitleOf(data);

        public JsonObject Details(object data) => Timeline.Details(data);

        public DateTimeOffset BusinessTime(IEvent stored) => Timeline.BusinessTime(stored);

        public string FieldName(string field) => NeedsFieldNames.Of(field);

        public async Task<Func<string, string, string?>> ValueNamesAsync(
            string districtCode, string kind, IReadOnlyList<JsonObject> details, CancellationToken cancellationToken)
        {
            var units = await directory.NamesAsync(districtCode, details.SelectMany(UnitIdsIn), cancellationToken);
            return (field, value) => field switch
            {
                _ when UnitFields.Contains(field) => units.GetValueOrDefault(value),
                "category" => catalogue.FindCategory(value)?.Name,
                "urgency" => catalogue.Urgencies.FirstOrDefault(urgency => urgency.Code == value)?.Name,
                "channel" => catalogue.Channels.FirstOrDefault(channel => channel.Code == value)?.Name,
                "handlingClass" => catalogue.FindClass(value)?.Name,
                "whistleType" => catalogue.WhistleTypes.FirstOrDefault(type => type.Code == value)?.Name,
                "level" or "fromLevel" or "toLevel" => WhistleCaseDecider.LevelName(value),
                "status" when kind == "cases" => CaseEndpoints.StatusName(value),
                "status" => NeedEndpoints.StatusName(value),
                "deadline" => value switch { WhistleCaseDecider.SignDeadline => "签收时限", WhistleCaseDecider.HandleDeadline => "办结时限", _ => null },
                "source" => value switch
                {
                    ResolutionSources.Community => "社区办结",
                    ResolutionSources.WhistleCase => "吹哨案件办结",
                    ResolutionSources.Project => "项目办结",
                    ResolutionSources.MicroWish => "微心愿完成",
                    _ => null,
                },
                _ => null,
            };
        }

        private static IEnumerable<string> UnitIdsIn(JsonNode? node) => node switch
        {
            JsonObject record => record.SelectMany(field => UnitFields.Contains(field.Key) ? ValuesIn(field.Value) : UnitIdsIn(field.Value)),
            JsonArray list => list.SelectMany(UnitIdsIn),
            _ => [],
        };

        private static IEnumerable<string> ValuesIn(JsonNode? node) => node switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => [text],
            JsonArray list => list.SelectMany(ValuesIn),
            _ => [],
        };
    }
}
