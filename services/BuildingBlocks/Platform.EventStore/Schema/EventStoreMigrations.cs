namespace Platform.EventStore;

internal sealed record Migration(int Version, string Description, Func<string, string> Sql);

/// <summary>The schema's history. Append new migrations; never edit one that has shipped.</summary>
internal static class EventStoreMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "streams, events, append_events, subscriptions, dead letters, verification checkpoints", schema => $$"""
            -- One row per stream: the version and last hash an append needs, so it never reads the events table.
            -- fillfactor leaves room for HOT updates: every append rewrites this row.
            CREATE TABLE {{schema}}.streams (
                tenant_id text NOT NULL,
                id text NOT NULL,
                version bigint NOT NULL,
                last_hash bytea,
                -- The head before the last append: lets one UPDATE ... RETURNING hand the old head to the events insert.
                previous_hash bytea,
                created_at timestamptz NOT NULL DEFAULT now(),
                last_event_at timestamptz,
                is_archived boolean NOT NULL DEFAULT false,
                PRIMARY KEY (tenant_id, id)
            ) WITH (fillfactor = 80);

            CREATE TABLE {{schema}}.events (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id uuid NOT NULL,
                tenant_id text NOT NULL,
                stream_id text NOT NULL,
                version bigint NOT NULL,
                type text NOT NULL,
                data jsonb NOT NULL,
                correlation_id text,
                causation_id text,
                actor text,
                "timestamp" timestamptz NOT NULL,
                transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
                hash bytea NOT NULL,
                is_archived boolean NOT NULL DEFAULT false,
                CONSTRAINT events_stream_version UNIQUE (tenant_id, stream_id, version)
            );
            -- The daemon's read order: keyset pagination on (transaction_id, seq), fenced below the oldest running xid.
            CREATE INDEX events_log_position ON {{schema}}.events (transaction_id, seq);

            CREATE TABLE {{schema}}.subscriptions (
                name text PRIMARY KEY,
                transaction_id xid8 NOT NULL DEFAULT '0',
                seq bigint NOT NULL DEFAULT 0,
                status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped')),
                stopped_reason text,
                rebuild_requested_at timestamptz,
                updated_at timestamptz NOT NULL DEFAULT now()
            );

            CREATE TABLE {{schema}}.dead_letters (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                subscription text NOT NULL,
                seq bigint NOT NULL,
                event_id uuid NOT NULL,
                tenant_id text NOT NULL,
                stream_id text NOT NULL,
                version bigint NOT NULL,
                type text NOT NULL,
                error text NOT NULL,
                attempts integer NOT NULL,
                skipped boolean NOT NULL,
                failed_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX dead_letters_subscription ON {{schema}}.dead_letters (subscription, seq);

            -- scope is 'tenant:<id>' or 'all'.
            CREATE TABLE {{schema}}.verification_checkpoints (
                scope text PRIMARY KEY,
                transaction_id xid8 NOT NULL,
                seq bigint NOT NULL,
                events_verified bigint NOT NULL, -- by the last run
                verified_at timestamptz NOT NULL DEFAULT now()
            );

            -- The chain of one append: hash_i = sha256(hash_(i-1) || int8 version_i || int8 timestamp µs || digest_i).
            CREATE FUNCTION {{schema}}.chain_hashes(p_previous bytea, p_base_version bigint, p_micros bigint, p_digests bytea[])
            RETURNS bytea[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
            DECLARE
                v_hash bytea := coalesce(p_previous, ''::bytea);
                v_hashes bytea[] := '{}';
            BEGIN
                FOR i IN 1 .. cardinality(p_digests) LOOP
                    v_hash := sha256(v_hash || int8send(p_base_version + i) || int8send(p_micros) || p_digests[i]);
                    v_hashes[i] := v_hash;
                END LOOP;
                RETURN v_hashes;
            END
            $fn$;

            -- The slow path of an append (the client's fast path is one UPDATE of an existing stream, see EventStoreSql):
            -- lock or create the stream row, check it, chain the hashes, move the row on and insert the events.
            -- p_mode: 0 = start (the stream must not exist), 1 = expected version, 2 = append at the end.
            -- Errors: ES409 wrong expected version, ES410 stream exists, ES423 stream archived;
            -- DETAIL = {"streamId": ..., "currentVersion": ...} (in a batch, the client cannot always tell which statement failed).
            CREATE FUNCTION {{schema}}.append_events(
                p_tenant_id text, p_stream_id text, p_mode integer, p_expected_version bigint,
                p_ids uuid[], p_types text[], p_data jsonb[], p_digests bytea[],
                p_correlation_id text, p_causation_id text, p_actor text)
            RETURNS TABLE (event_seq bigint, event_version bigint, event_timestamp timestamptz, event_hash text, event_transaction_id xid8)
            LANGUAGE plpgsql AS $fn$
            DECLARE
                v_version bigint;
                v_hash bytea;
                v_last_event_at timestamptz;
                v_archived boolean;
                v_created boolean := false;
                v_now timestamptz;
                v_count integer := cardinality(p_ids);
                v_hashes bytea[];
            BEGIN
                LOOP
                    SELECT s.version, s.last_hash, s.last_event_at, s.is_archived
                      INTO v_version, v_hash, v_last_event_at, v_archived
                      FROM {{schema}}.streams s
                     WHERE s.tenant_id = p_tenant_id AND s.id = p_stream_id
                       FOR UPDATE;
                    EXIT WHEN FOUND;
                    INSERT INTO {{schema}}.streams (tenant_id, id, version) VALUES (p_tenant_id, p_stream_id, 0)
                        ON CONFLICT DO NOTHING;
                    IF FOUND THEN
                        v_version := 0;
                        v_archived := false;
                        v_created := true;
                        EXIT;
                    END IF;
                    -- Another transaction created it meanwhile: go round and lock its row.
                END LOOP;

                IF p_mode = 0 AND NOT v_created THEN
                    RAISE EXCEPTION USING ERRCODE = 'ES410', MESSAGE = format('Stream %s already exists.', p_stream_id),
                        DETAIL = json_build_object('streamId', p_stream_id, 'currentVersion', v_version)::text;
                END IF;
                IF v_archived THEN
                    RAISE EXCEPTION USING ERRCODE = 'ES423', MESSAGE = format('Stream %s is archived.', p_stream_id),
                        DETAIL = json_build_object('streamId', p_stream_id, 'currentVersion', v_version)::text;
                END IF;
                IF p_mode = 1 AND v_version <> p_expected_version THEN
                    RAISE EXCEPTION USING ERRCODE = 'ES409',
                        MESSAGE = format('Stream %s is at version %s, not %s.', p_stream_id, v_version, p_expected_version),
                        DETAIL = json_build_object('streamId', p_stream_id, 'currentVersion', v_version)::text;
                END IF;

                -- Never earlier than the stream's previous event, so time travel sees each stream's events in order.
                v_now := greatest(statement_timestamp(), v_last_event_at);
                v_hashes := {{schema}}.chain_hashes(v_hash, v_version, (extract(epoch FROM v_now) * 1000000)::bigint, p_digests);
                UPDATE {{schema}}.streams s
                   SET version = v_version + v_count, previous_hash = v_hash, last_hash = v_hashes[v_count], last_event_at = v_now
                 WHERE s.tenant_id = p_tenant_id AND s.id = p_stream_id;

                RETURN QUERY
                INSERT INTO {{schema}}.events AS e
                    (id, tenant_id, stream_id, version, type, data, correlation_id, causation_id, actor, "timestamp", hash)
                SELECT x.id, p_tenant_id, p_stream_id, v_version + x.n, x.type, x.data, p_correlation_id, p_causation_id, p_actor, v_now, v_hashes[x.n]
                  FROM unnest(p_ids, p_types, p_data) WITH ORDINALITY AS x(id, type, data, n)
                 ORDER BY x.n
                RETURNING e.seq, e.version, e."timestamp", encode(e.hash, 'hex'), e.transaction_id;
            END
            $fn$;
            """),
    ];
}
