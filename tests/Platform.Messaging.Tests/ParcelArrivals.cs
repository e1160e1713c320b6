using Marten;
using MassTransit;
using Npgsql;
using Platform.EventSourcing;
using Platform.Messaging.RelayHost.Contracts;

namespace Platform.Messaging.Tests;

/// <summary>What a consuming service records, in its own event store, when it learns a parcel was dispatched.</summary>
[EventType("arrivals.parcel-expected.v1")]
public sealed record ParcelExpected(string ParcelCode, string Destination);

/// <summary>A consumer that reacts by appending an event, in the transaction that holds its inbox row.</summary>
public class ParcelArrivalBook(NpgsqlDataSource dataSource, IDocumentStore store) : IdempotentConsumer<ParcelDispatched>(dataSource)
{
    public const string Schema = "arrivals";

    protected override async Task ConsumeOnceAsync(ConsumeContext<ParcelDispatched> context, NpgsqlTransaction transaction)
    {
        await using var session = context.OpenCausedSession(store, transaction, context.Tenant() ?? ParcelEventLog.Tenant);
        session.Events.Append(StreamId(context.Message.ParcelCode), new ParcelExpected(context.Message.ParcelCode, context.Message.Destination));
        await session.SaveChangesAsync(context.CancellationToken);
        await AfterAppendAsync(context);
    }

    protected virtual Task AfterAppendAsync(ConsumeContext<ParcelDispatched> context) => Task.CompletedTask;

    public static string StreamId(string parcelCode) => $"arrival-{parcelCode}";

    public static void ConfigureStore(StoreOptions options) => options.RegisterEventTypes(typeof(ParcelExpected).Assembly);
}

/// <summary>Appends, then fails the first time it sees a message: the retry must find neither the event nor the inbox row.</summary>
public sealed class ParcelArrivalBookThatFailsOnce(NpgsqlDataSource dataSource, IDocumentStore store) : ParcelArrivalBook(dataSource, store)
{
    private static readonly HashSet<Guid> FailedOnce = [];

    protected override Task AfterAppendAsync(ConsumeContext<ParcelDispatched> context)
    {
        bool firstAttempt;
        lock (FailedOnce) firstAttempt = FailedOnce.Add(context.MessageId!.Value);
        return firstAttempt ? throw new InvalidOperationException("Simulated failure after the event was appended.") : Task.CompletedTask;
    }
}
