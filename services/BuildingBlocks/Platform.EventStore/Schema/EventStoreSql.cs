namespace Platform.EventStore;

/// <summary>Every statement the store runs, built once per schema so they can be prepared and reused.</summary>
internal sealed class EventStoreSql
{
    /// <summary>The column list <see cref="EventRowReader"/> reads, in order.</summary>
    private const string EventColumns =
        """e.seq, e.id, e.tenant_id, e.stream_id, e.version, e.type, e.data, e.correlation_id, e.causation_id, e.actor, e."timestamp", e.transaction_id, encode(e.hash, 'hex')""";

    /// <summary>
    /// Below this transaction id nothing can still be written: every older transaction has ended, so what the statement's
    /// snapshot shows there is final. It is the snapshot's oldest running xid (its xmax when none runs), leaving out
    /// xids that pg_stat_activity shows running in other databases of the cluster: they can never write here, and
    /// a long transaction next door must not stall this store's daemon. Attribution is safe whenever it is read (an
    /// xid never changes database); an xid it cannot attribute (a prepared transaction, stats it may not see) holds
    /// the fence, which only delays.
    /// </summary>
    private const string Fence = """
        (SELECT coalesce(min(running.xid), pg_snapshot_xmax(pg_current_snapshot()))
           FROM pg_snapshot_xip(pg_current_snapshot()) AS running(xid)
          WHERE NOT EXISTS (SELECT FROM pg_stat_activity other
                             WHERE other.backend_xid = running.xid::xid AND other.datname <> current_database()))
        """;

    public EventStoreSql(string schema)
    {
        var s = $"\"{schema}\"";
        Append = new AppendStatements(s);
        FetchStream = $"""
            SELECT {EventColumns} FROM {s}.events e
             WHERE e.tenant_id = $1 AND e.stream_id = $2 AND e.version <= $3 AND ($4::timestamptz IS NULL OR e."timestamp" <= $4)
             ORDER BY e.version
            """;
        FetchStreamState = $"SELECT id, version, is_archived, created_at, coalesce(last_event_at, created_at) FROM {s}.streams WHERE tenant_id = $1 AND id = $2";
        LockStream = FetchStreamState + " FOR UPDATE";
        ArchiveStream = $"UPDATE {s}.streams SET is_archived = true WHERE tenant_id = $1 AND id = $2 RETURNING version";
        ArchiveStreamEvents = $"UPDATE {s}.events SET is_archived = true WHERE tenant_id = $1 AND stream_id = $2 AND NOT is_archived";

        ReadLog = ReadLogFrom(s, includeArchived: true);
        ReadLogWithoutArchived = ReadLogFrom(s, includeArchived: false);
        LogHead = $"SELECT coalesce(pg_sequence_last_value('{s}.events_seq_seq'), 0)";

        VerifyStream = $"""
            SELECT {EventColumns} FROM {s}.events e
             WHERE e.tenant_id = $1 AND e.stream_id = $2
             ORDER BY e.version
            """;
        StreamHead = $"SELECT version, encode(last_hash, 'hex') FROM {s}.streams WHERE tenant_id = $1 AND id = $2";
        VerifyLog = $"""
            SELECT {EventColumns}, encode(p.hash, 'hex') FROM {s}.events e
              LEFT JOIN {s}.events p ON p.tenant_id = e.tenant_id AND p.stream_id = e.stream_id AND p.version = e.version - 1
             WHERE ($1::text IS NULL OR e.tenant_id = $1) AND (e.transaction_id, e.seq) > ($2, $3) AND e.transaction_id < {Fence}
             ORDER BY e.transaction_id, e.seq
             LIMIT $4
            """;
        ReadVerificationCheckpoint = $"SELECT transaction_id, seq FROM {s}.verification_checkpoints WHERE scope = $1";
        SaveVerificationCheckpoint = $"""
            INSERT INTO {s}.verification_checkpoints AS c (scope, transaction_id, seq, events_verified) VALUES ($1, $2, $3, $4)
            ON CONFLICT (scope) DO UPDATE
               SET transaction_id = excluded.transaction_id, seq = excluded.seq,
                   events_verified = excluded.events_verified, verified_at = now()
            """;

        EnsureSubscription = $"INSERT INTO {s}.subscriptions (name) VALUES ($1) ON CONFLICT DO NOTHING";
        ReadSubscription = $"SELECT transaction_id, seq, status, rebuild_requested_at IS NOT NULL FROM {s}.subscriptions WHERE name = $1";
        SaveProgress = $"UPDATE {s}.subscriptions SET transaction_id = $2, seq = $3, updated_at = now() WHERE name = $1";
        ResetProgress = $"UPDATE {s}.subscriptions SET transaction_id = '0', seq = 0, rebuild_requested_at = NULL, status = 'running', stopped_reason = NULL, updated_at = now() WHERE name = $1";
        StopSubscription = $"UPDATE {s}.subscriptions SET status = 'stopped', stopped_reason = $2, updated_at = now() WHERE name = $1";
        ResumeSubscription = $"UPDATE {s}.subscriptions SET status = 'running', stopped_reason = NULL, updated_at = now() WHERE name = $1";
        RequestRebuild = $"""
            INSERT INTO {s}.subscriptions AS x (name, rebuild_requested_at) VALUES ($1, now())
            ON CONFLICT (name) DO UPDATE SET rebuild_requested_at = now(), updated_at = now()
            """;
        RecordDeadLetter = $"""
            INSERT INTO {s}.dead_letters (subscription, seq, event_id, tenant_id, stream_id, version, type, error, attempts, skipped)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """;
        ListSubscriptions = $"""
            SELECT s.name, s.transaction_id, s.seq, s.status, s.stopped_reason, s.rebuild_requested_at IS NOT NULL, s.updated_at,
                   (SELECT count(*) FROM {s}.dead_letters d WHERE d.subscription = s.name)
              FROM {s}.subscriptions s ORDER BY s.name
            """;
        ListDeadLetters = $"""
            SELECT subscription, seq, event_id, tenant_id, stream_id, version, type, error, attempts, skipped, failed_at
              FROM {s}.dead_letters WHERE ($1::text IS NULL OR subscription = $1) ORDER BY id
            """;
        ClearDeadLetters = $"DELETE FROM {s}.dead_letters WHERE subscription = $1";
        HealthSummary = $"""
            SELECT (SELECT count(*) FROM {s}.dead_letters),
                   (SELECT coalesce(array_agg(name ORDER BY name), ARRAY[]::text[]) FROM {s}.subscriptions WHERE status = 'stopped')
            """;
    }

    private static string ReadLogFrom(string s, bool includeArchived) => $"""
        SELECT {EventColumns} FROM {s}.events e
         WHERE (e.transaction_id, e.seq) > ($1, $2) AND e.transaction_id < {Fence}{(includeArchived ? "" : " AND NOT e.is_archived")}
         ORDER BY e.transaction_id, e.seq
         LIMIT $3
        """;

    public AppendStatements Append { get; }
    public string FetchStream { get; }
    public string FetchStreamState { get; }
    public string LockStream { get; }
    public string ArchiveStream { get; }
    public string ArchiveStreamEvents { get; }
    public string ReadLog { get; }
    public string ReadLogWithoutArchived { get; }
    public string LogHead { get; }
    public string VerifyStream { get; }
    public string StreamHead { get; }
    public string VerifyLog { get; }
    public string ReadVerificationCheckpoint { get; }
    public string SaveVerificationCheckpoint { get; }
    public string EnsureSubscription { get; }
    public string ReadSubscription { get; }
    public string SaveProgress { get; }
    public string ResetProgress { get; }
    public string StopSubscription { get; }
    public string ResumeSubscription { get; }
    public string RequestRebuild { get; }
    public string RecordDeadLetter { get; }
    public string ListSubscriptions { get; }
    public string ListDeadLetters { get; }
    public string ClearDeadLetters { get; }
    public string HealthSummary { get; }
}
