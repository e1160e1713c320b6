namespace Platform.EventStore;

/// <summary>
/// An append is one statement per stream: it moves the stream's row (version check, archived check, new head hash)
/// and inserts the events chained from the old head, with no read of the events table and no round trip in between.
/// When no row qualifies (wrong version, archived, StartStream of an existing stream) <c>append_events</c> takes over
/// within the same statement, to raise the typed error with the current version (or to create a stream a race left
/// missing). Parameters: $1 tenant, $2 stream, $3 mode, $4 expected version, $5 ids, $6 types, $7 data, $8 content
/// digests (scalars for one event, arrays for several), $9 correlation id, $10 causation id, $11 actor.
/// </summary>
internal sealed class AppendStatements
{
    private const string Now = "greatest(statement_timestamp(), s.last_event_at)";

    private readonly string expectingVersionOne, expectingVersionMany, orStartOne, orStartMany;

    public AppendStatements(string s)
    {
        // A stream at the expected version (n > 0) must exist: a plain UPDATE. Start, expected version 0 and
        // append-at-end insert the row, the last one moving it on when it exists.
        const string expecting = "WHERE s.tenant_id = $1 AND s.id = $2 AND NOT s.is_archived AND $3 = 1 AND s.version = $4";
        const string onConflict = "ON CONFLICT (tenant_id, id) DO UPDATE SET {0} WHERE $3 = 2 AND NOT s.is_archived";

        // One event (the common case) is written out without arrays or function calls: its hash is the new head.
        var oneHead = $"""
            version = s.version + 1, previous_hash = s.last_hash, last_event_at = {Now},
            last_hash = sha256(coalesce(s.last_hash, ''::bytea) || int8send(s.version + 1) || int8send({Micros(Now)}) || $8::bytea)
            """;
        var oneNewRow = """
            VALUES ($1, $2, 1, NULL, statement_timestamp(),
                    sha256(int8send(1) || int8send(
            """ + Micros("statement_timestamp()") + ") || $8::bytea))";
        var oneTail = $"""
            inserted AS (
                INSERT INTO {s}.events AS e
                    (id, tenant_id, stream_id, version, type, data, correlation_id, causation_id, actor, "timestamp", hash)
                SELECT $5::uuid, $1, $2, head.version, $6::text, $7::jsonb, $9, $10, $11, head.last_event_at, head.last_hash FROM head
                RETURNING e.seq, e.version, e."timestamp", encode(e.hash, 'hex'), e.transaction_id)
            SELECT * FROM inserted
            UNION ALL
            SELECT * FROM {s}.append_events($1, $2, $3, $4, ARRAY[$5::uuid], ARRAY[$6::text], ARRAY[$7::jsonb], ARRAY[$8::bytea], $9, $10, $11)
             WHERE NOT EXISTS (SELECT FROM head)
            """;
        const string oneReturning = "RETURNING s.version, s.last_hash, s.last_event_at";

        // Several events: the old head comes back through previous_hash, and chain_hashes links them from it.
        var manyHead = $"""
            version = s.version + cardinality($5::uuid[]), previous_hash = s.last_hash, last_event_at = {Now},
            last_hash = ({s}.chain_hashes(s.last_hash, s.version, {Micros(Now)}, $8::bytea[]))[cardinality($8::bytea[])]
            """;
        var manyNewRow = $"""
            VALUES ($1, $2, cardinality($5::uuid[]), NULL, statement_timestamp(),
                    ({s}.chain_hashes(NULL, 0, {Micros("statement_timestamp()")}, $8::bytea[]))[cardinality($8::bytea[])])
            """;
        var manyTail = $"""
            chained AS MATERIALIZED (
                SELECT head.base_version, head.last_event_at,
                       {s}.chain_hashes(head.previous_hash, head.base_version, {Micros("head.last_event_at")}, $8::bytea[]) AS hashes
                  FROM head),
            inserted AS (
                INSERT INTO {s}.events AS e
                    (id, tenant_id, stream_id, version, type, data, correlation_id, causation_id, actor, "timestamp", hash)
                SELECT x.id, $1, $2, chained.base_version + x.n, x.type, x.data, $9, $10, $11, chained.last_event_at, chained.hashes[x.n]
                  FROM chained, unnest($5::uuid[], $6::text[], $7::jsonb[]) WITH ORDINALITY AS x(id, type, data, n)
                 ORDER BY x.n
                RETURNING e.seq, e.version, e."timestamp", encode(e.hash, 'hex'), e.transaction_id)
            SELECT * FROM inserted
            UNION ALL
            SELECT * FROM {s}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) WHERE NOT EXISTS (SELECT FROM head)
            """;
        const string manyReturning = "RETURNING s.version - cardinality($5::uuid[]) AS base_version, s.previous_hash, s.last_event_at";

        expectingVersionOne = Statement($"UPDATE {s}.streams s SET {oneHead} {expecting}", oneReturning, oneTail);
        expectingVersionMany = Statement($"UPDATE {s}.streams s SET {manyHead} {expecting}", manyReturning, manyTail);
        orStartOne = Statement(Upsert(s, oneNewRow, string.Format(onConflict, oneHead)), oneReturning, oneTail);
        orStartMany = Statement(Upsert(s, manyNewRow, string.Format(onConflict, manyHead)), manyReturning, manyTail);
    }

    public string For(bool expectingVersion, bool oneEvent) => (expectingVersion, oneEvent) switch
    {
        (true, true) => expectingVersionOne,
        (true, false) => expectingVersionMany,
        (false, true) => orStartOne,
        (false, false) => orStartMany,
    };

    private static string Upsert(string s, string newRow, string onConflict) =>
        $"INSERT INTO {s}.streams AS s (tenant_id, id, version, previous_hash, last_event_at, last_hash) {newRow} {onConflict}";

    private static string Statement(string moveHead, string returning, string tail) => $"""
        WITH head AS MATERIALIZED (
            {moveHead}
            {returning}),
        {tail}
        """;

    /// <summary>Microseconds since 1970, as <see cref="EventHash.UnixMicroseconds"/> computes them.</summary>
    private static string Micros(string timestamp) => $"(extract(epoch FROM {timestamp}) * 1000000)::bigint";
}
