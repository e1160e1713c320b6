using MassTransit;

namespace Platform.Contracts.Insights;

/// <summary>
/// A service's figures for one place and one period, as its statistics stand after <paramref name="Revision"/>
/// changes. It is a summary, not a delta: a later revision replaces an earlier one, so a consumer keeps the highest
/// revision it has seen, and a message that arrives twice or late changes nothing.
/// </summary>
/// <param name="Source">The service that counted: needs, resources, projects or volunteers.</param>
/// <param name="PlaceId">A community; or a street, or the district, for what is its own and no community's (a street's
/// joint meeting). A street's figures are its own added to its communities'.</param>
/// <param name="StreetId">The street the place is in; the street itself for a street's own, empty for the district's.</param>
/// <param name="Period">A month of the district's calendar (<c>2026-11</c>), or <c>current</c> for what stands now
/// (open cases, households due a visit).</param>
/// <param name="Figures">Each figure by its name, such as <c>needs.raised</c>; a figure not named is zero.</param>
/// <param name="ChangedAt">When the service's statistics last changed these figures.</param>
[MessageUrn("platform:insights:place-figures-reported:v1")]
public sealed record PlaceFiguresReported(
    string DistrictCode,
    string Source,
    string StreetId,
    string PlaceId,
    string Period,
    IReadOnlyDictionary<string, long> Figures,
    long Revision,
    DateTimeOffset ChangedAt);

/// <summary>
/// A service's statistics have counted every event it committed up to <paramref name="CurrentAsOf"/>. Sent every few
/// seconds while the service runs, so a reader can tell a figure that is zero from one that is late.
/// </summary>
[MessageUrn("platform:insights:figures-current:v1")]
public sealed record FiguresCurrent(string Source, DateTimeOffset CurrentAsOf, DateTimeOffset ReportedAt);

/// <summary>Asks every service to send all its figures again: the insights view is being rebuilt.</summary>
[MessageUrn("platform:insights:figures-requested:v1")]
public sealed record FiguresRequested(string? DistrictCode, DateTimeOffset RequestedAt);
