using Platform.EventSourcing;

namespace Platform.Messaging.RelayHost;

// The relay host's domain: small on purpose, it only has to give the relay events of several types to map.

[EventType("parcels.parcel-dispatched.v1")]
public sealed record ParcelDispatched(string ParcelCode, string Destination);

/// <summary>Stays inside the service: nothing maps it to an integration event.</summary>
[EventType("parcels.parcel-weighed.v1")]
public sealed record ParcelWeighed(string ParcelCode, int Grams);

/// <summary>Published only when the parcel went back to its sender; a return to the depot is internal.</summary>
[EventType("parcels.parcel-returned.v1")]
public sealed record ParcelReturned(string ParcelCode, bool ToSender);
