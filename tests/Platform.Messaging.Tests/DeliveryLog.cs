using System.Collections.Concurrent;
using MassTransit;
using Platform.Testing;

namespace Platform.Messaging.Tests;

/// <summary>Every delivery a bus acknowledged, in arrival order, whether or not the consumer acted on it.</summary>
internal sealed class DeliveryLog : IConsumeObserver
{
    private readonly ConcurrentQueue<Delivery> deliveries = new();

    public IReadOnlyList<Delivery> Deliveries => [.. deliveries];

    public int Count => deliveries.Count;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        var headers = context.Headers.GetAll().ToDictionary(header => header.Key, header => header.Value);
        deliveries.Enqueue(new Delivery(context.MessageId!.Value, context.Message, context.CorrelationId, headers,
            context.Tenant(), new AppendContext(context.Correlation(), context.MessageId?.ToString(), context.Actor())));
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task WaitForAsync(int count, TimeSpan limit) =>
        Eventually.HoldsAsync(() => Task.FromResult(Count >= count), limit, () => $"{Count} of {count} deliveries arrived.");
}

/// <param name="CausedMetadata">What a consumer would stamp on the events it appends in reaction.</param>
internal sealed record Delivery(
    Guid MessageId, object Message, Guid? CorrelationId, IReadOnlyDictionary<string, object> Headers, string? Tenant, AppendContext CausedMetadata)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value?.ToString() : null;
}
