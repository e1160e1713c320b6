using MassTransit;

namespace Platform.Contracts.Volunteers;

/// <summary>A party member or volunteer claimed (认领) a published 微心愿.</summary>
[MessageUrn("platform:volunteers:micro-wish-claimed:v1")]
public sealed record MicroWishClaimed(
    string DistrictCode, string NeedId, string VolunteerId, string VolunteerName, DateTimeOffset ClaimedAt);

/// <summary>The claimer fulfilled the 微心愿.</summary>
[MessageUrn("platform:volunteers:micro-wish-fulfilled:v1")]
public sealed record MicroWishFulfilled(
    string DistrictCode, string NeedId, string VolunteerId, string Note, DateTimeOffset FulfilledAt);

/// <summary>A claim lapsed: the 微心愿 was not fulfilled by the promised day and is back on the board for others.</summary>
[MessageUrn("platform:volunteers:micro-wish-released:v1")]
public sealed record MicroWishReleased(
    string DistrictCode, string NeedId, string VolunteerId, string Reason, DateTimeOffset ReleasedAt);
