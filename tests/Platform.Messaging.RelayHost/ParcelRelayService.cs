using Marten;
using Microsoft.AspNetCore.Builder;
using Platform.EventSourcing;
using Platform.EventSourcing.Hosting;
using Platform.ServiceDefaults;

namespace Platform.Messaging.RelayHost;

/// <summary>
/// A service host as the platform builds one, whose only job is the outbox relay. Settings: ConnectionStrings:Postgres,
/// ConnectionStrings:RabbitMq and, optionally, Relay:BatchSize (events per page the daemon hands the relay).
/// </summary>
public static class ParcelRelayService
{
    public const string Name = "parcel-relay";

    public const string Schema = "parcels";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(Name);
        builder.AddPlatformPostgres();
        builder.AddPlatformBus(Name);
        var batchSize = builder.Configuration.GetValue<int?>("Relay:BatchSize");
        builder.Services
            .AddPlatformEventStore(Schema, ConfigureStore, builder.Configuration)
            .AddOutboxRelay(
                map => map
                    .Publish<ParcelDispatched>((dispatched, stored) =>
                        new Contracts.ParcelDispatched(dispatched.ParcelCode, dispatched.Destination, stored.Timestamp))
                    .Publish<ParcelReturned>(returned => returned.ToSender ? new Contracts.ParcelReturnedToSender(returned.ParcelCode) : null),
                relay =>
                {
                    if (batchSize is { } size) relay.Options.BatchSize = size;
                });
        return builder.Build();
    }

    public static void ConfigureStore(StoreOptions options) => options.RegisterEventTypes(typeof(ParcelDispatched).Assembly);
}
