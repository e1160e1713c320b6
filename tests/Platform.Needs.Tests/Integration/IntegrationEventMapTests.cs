using System.Text.Json;
using Platform.Messaging;
using Platform.Needs.Integration;

namespace Platform.Needs.Tests.Integration;

/// <summary>What other services hear of a need: the facts they need, and never the reporter's name or phone.</summary>
public sealed class IntegrationEventMapTests
{
    private static readonly IntegrationEventMap Map = NeedsIntegrationEvents.Map(new IntegrationEventMap());
    private static readonly Place Place = new("linxiaolu", "xinghuananli", "xinghuananli-g1", null, "怡兴园1号楼");
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static OutgoingEvent Stored(object data) =>
        new(Guid.NewGuid(), "990101", "need-N1", 1, data.GetType().Name, At, data, null, null, null);

    [Fact]
    public void A_raised_need_is_published_without_the_reporter()
    {
        var raised = new NeedRaised("N1", "下水堵塞", "描述", "sewer", "urgent", Place, new ReporterContact("蔡欣怡", "13800000344"), null, "grid", null, "xinghua-staff", At);

        var message = Assert.IsType<Contracts.Needs.NeedRaised>(Map.ToMessage(Stored(raised)));

        Assert.Equal("990101", message.DistrictCode);
        Assert.Equal("xinghuananli", message.Place.CommunityId);
        var json = JsonSerializer.Serialize(message);
        Assert.DoesNotContain("13800000344", json);
        Assert.DoesNotContain("蔡欣怡", json);
    }

    [Fact]
    public void Every_case_milestone_is_published_and_internal_steps_are_not()
    {
        Assert.IsType<Contracts.Needs.WhistleBlown>(Map.ToMessage(Stored(new WhistleBlown("C1", "N1", "t", "sewer", "urgent", Place, "street", "key", "r", ["x"], false, "a", At))));
        Assert.IsType<Contracts.Needs.CaseDispatched>(Map.ToMessage(Stored(new CaseDispatched("C1", "street", "d1", [], [], "utility", 1, At, At, null, "a", At))));
        Assert.IsType<Contracts.Needs.DepartmentSigned>(Map.ToMessage(Stored(new DepartmentSigned("C1", "d1", true, true, At, At, "a", At))));
        Assert.IsType<Contracts.Needs.CaseResolved>(Map.ToMessage(Stored(new CaseReported("C1", "d1", "done", true, At, At, "a", At))));
        Assert.IsType<Contracts.Needs.CaseOverdue>(Map.ToMessage(Stored(new CaseOverdue("C1", "sign", ["d1"], "street", 1, At, At))));
        Assert.IsType<Contracts.Needs.CaseEscalated>(Map.ToMessage(Stored(new CaseEscalated("C1", "street", "district", true, "r", "a", At))));
        Assert.IsType<Contracts.Needs.FeedbackGiven>(Map.ToMessage(Stored(new FeedbackRecorded("N1", true, true, null, "a", At))));
        Assert.Null(Map.ToMessage(Stored(new CaseProgressNoted("C1", "d1", "note", "a", At))));
    }
}
