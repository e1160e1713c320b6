using MassTransit;

namespace Platform.ServiceDefaults.Diagnostics;

/// <summary>
/// A round trip across the bus that proves a request entering one service reaches every other service.
/// It carries no domain data, which is why it lives with the building blocks and not in contracts/.
/// </summary>
[MessageUrn("platform:diagnostics:ping-sent:v1")]
public sealed record PingSent(Guid PingId, string SentBy, DateTimeOffset SentAt);
