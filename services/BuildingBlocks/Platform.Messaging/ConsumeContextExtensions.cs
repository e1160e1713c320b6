using Marten;
using Marten.Services;
using MassTransit;
using Npgsql;

namespace Platform.Messaging;

/// <summary>Reads what the outbox relay stamped on an integration event.</summary>
public static class ConsumeContextExtensions
{
    /// <summary>The district the event belongs to, or null for a message that did not come through the relay.</summary>
    public static string? Tenant(this ConsumeContext context) => context.Headers.Get<string>(PlatformHeaders.Tenant);

    /// <summary>The correlation id the relay stamped: MassTransit's own when it is a GUID, else the platform's header.</summary>
    public static string? Correlation(this ConsumeContext context) =>
        context.CorrelationId?.ToString() ?? context.Headers.Get<string>(PlatformHeaders.CorrelationId);

    /// <summary>Who caused the event the message was made from.</summary>
    public static string? Actor(this ConsumeContext context) => context.Headers.Get<string>(PlatformHeaders.Actor);

    /// <summary>
    /// A Marten session of <paramref name="tenantId"/> that writes in the consumer's own transaction (the one holding
    /// its inbox row, see <see cref="IdempotentConsumer{TMessage}"/>), so the events it appends commit or roll back
    /// with the record of having handled the message. Its events carry this message's correlation and actor and name
    /// the message as their cause. SaveChangesAsync does not commit; the consumer's transaction does.
    /// </summary>
    public static IDocumentSession OpenCausedSession(
        this ConsumeContext context, IDocumentStore store, NpgsqlTransaction transaction, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = tenantId;
        var session = store.LightweightSession(options);
        session.CorrelationId = context.Correlation();
        session.CausationId = context.MessageId?.ToString();
        session.LastModifiedBy = context.Actor();
        return session;
    }
}
