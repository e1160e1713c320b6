using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.RelayHost;

namespace Platform.Messaging.Tests;

public sealed class IntegrationEventMapTests
{
    private static readonly DateTimeOffset DispatchedAt = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    private readonly IntegrationEventMap map = new IntegrationEventMap()
        .Publish<ParcelDispatched>((dispatched, stored) =>
            new RelayHost.Contracts.ParcelDispatched(dispatched.ParcelCode, dispatched.Destination, stored.Timestamp))
        .Publish<ParcelReturned>(returned => returned.ToSender ? new RelayHost.Contracts.ParcelReturnedToSender(returned.ParcelCode) : null);

    [Fact]
    public void A_mapped_event_becomes_its_integration_event()
    {
        var message = map.ToMessage(Stored(new ParcelDispatched("SF-1", "徐汇区")));

        Assert.Equal(new RelayHost.Contracts.ParcelDispatched("SF-1", "徐汇区", DispatchedAt), message);
    }

    [Fact]
    public void An_unmapped_event_stays_inside_the_service()
    {
        Assert.Null(map.ToMessage(Stored(new ParcelWeighed("SF-1", 1200))));
    }

    [Fact]
    public void A_mapping_can_keep_a_particular_occurrence_inside_the_service()
    {
        Assert.Null(map.ToMessage(Stored(new ParcelReturned("SF-1", ToSender: false))));
        Assert.Equal(new RelayHost.Contracts.ParcelReturnedToSender("SF-1"), map.ToMessage(Stored(new ParcelReturned("SF-1", ToSender: true))));
    }

    [Fact]
    public void An_event_type_cannot_be_mapped_twice()
    {
        var exception = Assert.Throws<DuplicateIntegrationEventMappingException>(() =>
            map.Publish<ParcelDispatched>(dispatched => new RelayHost.Contracts.ParcelReturnedToSender(dispatched.ParcelCode)));

        Assert.Equal(typeof(ParcelDispatched), exception.EventType);
    }

    [Fact]
    public void A_relay_with_nothing_to_publish_is_refused_at_registration()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMarten(_ => { }).AddOutboxRelay(_ => { }));
    }

    private static OutgoingEvent Stored(object data) => new(
        Guid.CreateVersion7(), "310104", "parcel-SF-1", 1, "parcels.any", DispatchedAt, data, null, null, null);
}
