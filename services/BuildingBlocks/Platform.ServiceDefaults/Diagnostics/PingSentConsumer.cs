using MassTransit;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Diagnostics;

public sealed class PingSentConsumer(PingLedger ledger, ServiceIdentity identity, TimeProvider clock, ILogger<PingSentConsumer> logger)
    : IConsumer<PingSent>
{
    public Task Consume(ConsumeContext<PingSent> context)
    {
        var ping = context.Message;
        ledger.Record(new PingReceipt(ping.PingId, ping.SentBy, identity.Service, ping.SentAt, clock.GetUtcNow()));
        logger.LogInformation("Ping {PingId} from {SentBy} received by {Service}", ping.PingId, ping.SentBy, identity.Service);
        return Task.CompletedTask;
    }
}
