using Microsoft.AspNetCore.Builder;
using Platform.EventStore;
using Platform.ServiceDefaults;

namespace Platform.Messaging.RelayHost;

/// <summary>
/// A service host as the platform builds one, whose only job is the outbox relay. Settings: ConnectionStrings:Postgres,
/// ConnectionStrings:RabbitMq and, optionally, Relay:BatchSize (events per daemon transaction).
/// </summary>
public static class ParcelRelayService
{
    public const string Name = "parcel-relay";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(Name);
        builder.AddPlatformPostgres();
        builder.AddPlatformBus(Name);
        builder.Services.AddEventStore(options =>
        {
            options.EventTypes.RegisterAll(typeof(ParcelDispatched).Assembly);
            options.DaemonPollingInterval = TimeSpan.FromMilliseconds(50);
        });
        var batchSize = builder.Configuration.GetValue("Relay:BatchSize", new SubscriptionOptions().BatchSize);
        builder.Services.AddOutboxRelay(
            map => map
                .Publish<ParcelDispatched>((dispatched, stored) =>
                    new Contracts.ParcelDispatched(dispatched.ParcelCode, dispatched.Destination, stored.Timestamp))
                .Publish<ParcelReturned>(returned => returned.ToSender ? new Contracts.ParcelReturnedToSender(returned.ParcelCode) : null),
            relay => relay.BatchSize = batchSize);
        return builder.Build();
    }
}
