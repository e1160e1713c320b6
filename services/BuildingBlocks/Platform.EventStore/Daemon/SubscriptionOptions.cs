namespace Platform.EventStore;

/// <summary>What the daemon does with an event that still fails after <see cref="SubscriptionOptions.MaxRetries"/> retries.</summary>
public enum PoisonEventPolicy
{
    /// <summary>Dead-letter it and stop the subscription until an operator resumes it: nothing after it is handled out of order.</summary>
    StopSubscription,

    /// <summary>Dead-letter it and go on with the next event.</summary>
    SkipEvent,
}

public sealed class SubscriptionOptions
{
    /// <summary>Events per read and per transaction; the daemon's main throughput knob.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Retries of a failing event (after its batch failed and was replayed one event at a time).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Wait before the first retry; doubles with every further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public PoisonEventPolicy OnPoisonEvent { get; set; } = PoisonEventPolicy.StopSubscription;

    /// <summary>Feed events of archived streams too (left out by default).</summary>
    public bool IncludeArchivedStreams { get; set; }

    /// <summary>
    /// False: <see cref="StoredEvent.Data"/> is the event's JSON text as stored, not deserialized or upcast: for
    /// subscriptions that only need the envelope, or copy the JSON on, this saves most of the daemon's CPU per event.
    /// </summary>
    public bool DeserializeData { get; set; } = true;

    internal void Validate(string subscription)
    {
        if (BatchSize is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"{subscription}: BatchSize must be 1..100000.");
        if (MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetries), $"{subscription}: MaxRetries cannot be negative.");
        if (RetryDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RetryDelay), $"{subscription}: RetryDelay cannot be negative.");
    }
}

/// <summary>A subscription and how the daemon runs it; register it with <c>AddEventSubscription</c> or pass it to the daemon.</summary>
public sealed record SubscriptionRegistration(IEventSubscription Subscription, SubscriptionOptions Options)
{
    public SubscriptionRegistration(IEventSubscription subscription) : this(subscription, new SubscriptionOptions()) { }
}

/// <summary>A subscription whose output can be thrown away and rebuilt from the start of the log.</summary>
public interface IRebuildableSubscription : IEventSubscription
{
    /// <summary>Deletes what the subscription built, in the transaction that resets its progress to the start.</summary>
    Task ResetAsync(Npgsql.NpgsqlTransaction transaction, CancellationToken cancellationToken);
}

public enum CatchUpOutcome
{
    /// <summary>This instance leads the subscription and handled everything below the fence.</summary>
    CaughtUp,

    /// <summary>Another instance holds the subscription's lock and runs it.</summary>
    NotLeader,

    /// <summary>The subscription is stopped on a poison event; <see cref="ProjectionDaemon.ResumeAsync"/> restarts it.</summary>
    Stopped,

    /// <summary>The lock connection broke; the lock is gone and another instance may take over.</summary>
    LeadershipLost,
}

/// <summary>What one catch-up pass did for one subscription.</summary>
public sealed record SubscriptionCatchUp(
    string Subscription, CatchUpOutcome Outcome, long EventsProcessed, long EventsSkipped, long DeadLetters, LogPosition Position);
