using MassTransit;

namespace Platform.Contracts.Diagnostics;

/// <summary>
/// A round trip across the bus that operators (and the tracing test) use to prove that a request
/// entering one service reaches every other service's consumer.
/// </summary>
[MessageUrn("platform:diagnostics:ping-sent:v1")]
public sealed record PingSent(Guid PingId, string SentBy, DateTimeOffset SentAt);
