using Platform.Messaging;
using Platform.Resources.Units;
using Contract = Platform.Contracts.Resources;

namespace Platform.Resources.Integration;

/// <summary>Which domain events other services hear of, and in what shape. A liaison's personal data never leaves.</summary>
public static class ResourcesIntegrationEvents
{
    public static IntegrationEventMap Map(IntegrationEventMap map) => map
        .Publish<UnitJoined>((e, stored) => new Contract.CoBuildingUnitJoined(
            stored.TenantId, e.UnitId, e.Name, e.Kind, [.. e.Communities.Select(community => community.CommunityId)], e.JoinedAt))
        .Publish<UnitCommunitiesChanged>((e, stored) => new Contract.CoBuildingUnitCommunitiesChanged(
            stored.TenantId, e.UnitId, [.. e.Communities.Select(community => community.CommunityId)], e.ChangedAt))
        .Publish<UnitLeft>((e, stored) => new Contract.CoBuildingUnitLeft(stored.TenantId, e.UnitId, e.Reason, e.LeftAt));
}
