using MassTransit;

namespace Platform.Bench.Contracts;

[MessageUrn("platform:bench:need-raised:v1")]
public sealed record NeedRaised(Guid NeedId, string District, string Title, DateTimeOffset RaisedAt);

[MessageUrn("platform:bench:need-assigned:v1")]
public sealed record NeedAssigned(Guid NeedId, Guid VolunteerId, DateTimeOffset AssignedAt);

[MessageUrn("platform:bench:need-closed:v1")]
public sealed record NeedClosed(Guid NeedId, string Outcome, DateTimeOffset ClosedAt);
