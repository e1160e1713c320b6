using Platform.Messaging;
using Platform.Volunteers.Wishes;
using Contract = Platform.Contracts.Volunteers;

namespace Platform.Volunteers.Integration;

/// <summary>Which domain events other services hear of, and in what shape: the micro-wish's claim, lapse and
/// fulfilment, which Needs records on the need it came from. A volunteer's phone or ID never leaves.</summary>
public static class VolunteersIntegrationEvents
{
    public static IntegrationEventMap Map(IntegrationEventMap map) => map
        .Publish<WishClaimed>((e, stored) => new Contract.MicroWishClaimed(stored.TenantId, e.NeedId, e.Claimer.Id, e.Claimer.Name, e.ClaimedAt))
        .Publish<WishReleased>((e, stored) => new Contract.MicroWishReleased(stored.TenantId, e.NeedId, e.Claimer.Id, e.Reason, e.ReleasedAt))
        .Publish<WishFulfilled>((e, stored) => new Contract.MicroWishFulfilled(stored.TenantId, e.NeedId, e.Claimer.Id, e.Note, e.FulfilledAt));
}
