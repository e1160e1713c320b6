using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Authorization;
using Platform.Needs.Api;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using Platform.Needs.ReadModels;
using Platform.ServiceDefaults.Audit;

namespace Platform.Needs.Audit;

/// <summary>What Needs opens to auditors: needs and whistle cases, read as their timelines read, with the views the
/// console shows as their state. The endpoints themselves are the kernel's (<see cref="StreamAuditEndpoints"/>).</summary>
public static class NeedsAudit
{
    public static IServiceCollection AddNeedsAudit(this IServiceCollection services) => services.AddStreamAudit(
        new Narrator(),
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

    private sealed class Narrator : IEventNarrator
    {
        public string TitleOf(object data) => Timeline.TitleOf(data);

        public JsonObject Details(object data) => Timeline.Details(data);

        public DateTimeOffset BusinessTime(IEvent stored) => Timeline.BusinessTime(stored);

        public string FieldName(string field) => NeedsFieldNames.Of(field);
    }
}
