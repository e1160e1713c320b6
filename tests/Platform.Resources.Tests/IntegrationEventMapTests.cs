using System.Text.Json;
using Platform.Messaging;
using Platform.Resources.Integration;
using Contract = Platform.Contracts.Resources;

namespace Platform.Resources.Tests;

/// <summary>What other services hear of units and agreements: the facts they need, and never the liaison's name or phone.</summary>
public sealed class IntegrationEventMapTests
{
    private static readonly IntegrationEventMap Map = ResourcesIntegrationEvents.Map(new IntegrationEventMap());
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly ServedCommunity Yongxinglu = new("yongxinglu", "yongchang");

    private static OutgoingEvent Stored(object data) =>
        new(Guid.NewGuid(), "990101", "unit-u-laodong", 1, data.GetType().Name, At, data, null, null, null);

    [Fact]
    public void A_joined_unit_is_published_with_its_communities_and_without_its_liaison()
    {
        var joined = new UnitJoined("u-laodong", "老东粥皇", UnitKinds.Signed, new Liaison("高浩然", "13800000074", "党建联络人"), [Yongxinglu], "a", At);

        var message = Assert.IsType<Contract.CoBuildingUnitJoined>(Map.ToMessage(Stored(joined)));

        Assert.Equal("990101", message.DistrictCode);
        Assert.Equal(["yongxinglu"], message.CommunityIds);
        var json = JsonSerializer.Serialize(message);
        Assert.DoesNotContain("13800000074", json);
        Assert.DoesNotContain("高浩然", json);
        Assert.Null(Map.ToMessage(Stored(new UnitLiaisonChanged("u-laodong", new Liaison("向卫东", "13800000075", null), "a", At))));
    }

    [Fact]
    public void An_agreement_is_published_when_signed_renewed_and_ended_and_not_for_its_internal_steps()
    {
        IReadOnlyList<Commitment> promises = [new("腊八粥", "servings", 450, "year")];
        var party = new AgreementParty("yongchang", "yongxinglu");
        var signed = Assert.IsType<Contract.CoBuildingAgreementSigned>(Map.ToMessage(Stored(
            new AgreementSigned("A1", "u-laodong", "老东粥皇", party, "协议", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), promises, "a", At))));
        Assert.Equal(("yongchang", "yongxinglu"), (signed.StreetId, signed.CommunityId));
        Assert.Equal(450, Assert.Single(signed.Commitments).Amount);
        Assert.IsType<Contract.CoBuildingAgreementRenewed>(Map.ToMessage(Stored(new AgreementRenewed("A1", new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), promises, "a", At))));
        Assert.Equal("expired", Assert.IsType<Contract.CoBuildingAgreementEnded>(
            Map.ToMessage(Stored(new AgreementExpired("A1", new DateOnly(2026, 12, 31), At)))).Outcome);
        Assert.Equal("terminated", Assert.IsType<Contract.CoBuildingAgreementEnded>(
            Map.ToMessage(Stored(new AgreementTerminated("A1", "门店搬迁", "a", At)))).Outcome);
        Assert.Null(Map.ToMessage(Stored(new QuarterReported("A1", "2026-Q4", "情况", "a", At))));
        Assert.Null(Map.ToMessage(Stored(new AgreementExpiryWarned("A1", new DateOnly(2026, 12, 31), At))));
    }
}
