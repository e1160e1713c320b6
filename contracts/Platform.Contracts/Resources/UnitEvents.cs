using MassTransit;

namespace Platform.Contracts.Resources;

/// <summary>
/// A co-building unit (共建单位) joined the co-building of the communities it serves. The liaison's name and phone
/// stay in the Resources service, which masks them; consumers that must reach the unit ask the community.
/// </summary>
/// <param name="Kind">member, in-area, signed, social, volunteer-group or merchant.</param>
[MessageUrn("platform:resources:unit-joined:v1")]
public sealed record CoBuildingUnitJoined(
    string DistrictCode, string UnitId, string Name, string Kind, IReadOnlyList<string> CommunityIds, DateTimeOffset JoinedAt);

/// <summary>The unit serves these communities from now on (the whole list).</summary>
[MessageUrn("platform:resources:unit-communities-changed:v1")]
public sealed record CoBuildingUnitCommunitiesChanged(string DistrictCode, string UnitId, IReadOnlyList<string> CommunityIds, DateTimeOffset ChangedAt);

/// <summary>The unit stopped co-building (退出共建).</summary>
[MessageUrn("platform:resources:unit-left:v1")]
public sealed record CoBuildingUnitLeft(string DistrictCode, string UnitId, string Reason, DateTimeOffset LeftAt);
