using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Platform.EventSourcing.Audit;
using Weasel.Core;

namespace Platform.EventSourcing;

/// <summary>
/// How every service's Marten event store is set up. One place, so that the guarantees the platform's tests hold
/// (tamper evidence, never skipping a late commit, fast wake-up) cannot be configured away in one service.
/// </summary>
public static class PlatformEventStore
{
    /// <summary>
    /// Streams keyed by strings (<c>need-…</c>, <c>case-…</c>), conjoined tenancy by district, correlation, causation,
    /// actor and headers on every event, quick append, a daemon that never skips, and the hash
    /// chain. Call it last in the service's Marten configuration.
    /// </summary>
    public static StoreOptions UsePlatformEventStore(this StoreOptions options, string schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);

        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.TenancyStyle = TenancyStyle.Conjoined;
        options.Policies.AllDocumentsAreMultiTenanted();

        // Quick append takes its sequence numbers inside the writing transaction, so the daemon can see a slow writer
        // as a live transaction and wait for it; Rich append reserves them beforehand and a slow save can be skipped
        // for good (Marten #5327). Never change this, nor the transaction evidence below.
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Projections.UseTransactionEvidenceForGapSkipping = true;
        options.Projections.SkipStaleGapsDespiteLiveTransactionsAfter = null;

        // Marten's daemon skips an event a projection or subscription fails on by default, and moves on. Here a wrong
        // view or an integration event never sent is worse than a stopped one that the monitor reports.
        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.Errors.SkipSerializationErrors = false;
        options.Projections.Errors.SkipUnknownEvents = false;

        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;

        // Marten's own wake-up notifies inside the append transaction, which serializes commits; a host wakes the
        // daemon after the commit instead (Hosting.AppendWakeup), and a store without a host polls.
        options.Events.UseListenNotifyForEventAppends = false;

        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.Storage.Add(new EventHashChain(schema, options.Advanced.Migrator));
        // The kernel's own events (the personal-data access log) are in every store.
        options.RegisterEventTypes(typeof(PlatformEventStore).Assembly);
        return options;
    }

    /// <summary>
    /// Refuses a store whose configuration was changed after <see cref="UsePlatformEventStore"/> in a way that breaks
    /// a guarantee; hosts call it once the store is built.
    /// </summary>
    public static void EnsureGuarantees(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Events.AppendMode != EventAppendMode.Quick)
            throw new InvalidOperationException("The event store must use quick append: rich append lets the daemon skip a late commit.");
        if (!options.Projections.UseTransactionEvidenceForGapSkipping || options.Projections.SkipStaleGapsDespiteLiveTransactionsAfter is not null)
            throw new InvalidOperationException("The daemon must wait for a live transaction instead of skipping its sequence gap.");
        var errors = options.Projections.Errors;
        if (errors.SkipApplyErrors || errors.SkipSerializationErrors || errors.SkipUnknownEvents)
            throw new InvalidOperationException("The daemon must stop at an event it cannot process, not skip it.");
        if (options.Events.TenancyStyle != TenancyStyle.Conjoined || options.Events.StreamIdentity != StreamIdentity.AsString)
            throw new InvalidOperationException("Streams are keyed by strings and events are conjoined by district.");
        var metadata = options.Events.MetadataConfig;
        if (!(metadata.CorrelationIdEnabled && metadata.CausationIdEnabled && metadata.HeadersEnabled && metadata.UserNameEnabled))
            throw new InvalidOperationException("Correlation, causation, headers and the actor are part of every event's hash.");
    }
}
