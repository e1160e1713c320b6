using MassTransit;

namespace Platform.Messaging.RelayHost.Contracts;

[MessageUrn("platform:messaging-tests:parcel-dispatched:v1")]
public sealed record ParcelDispatched(string ParcelCode, string Destination, DateTimeOffset DispatchedAt);

[MessageUrn("platform:messaging-tests:parcel-returned-to-sender:v1")]
public sealed record ParcelReturnedToSender(string ParcelCode);
