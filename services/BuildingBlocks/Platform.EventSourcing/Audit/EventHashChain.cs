using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Platform.EventSourcing.Audit;

/// <summary>
/// Tamper evidence for Marten's event table. Every row inserted into <c>mt_events</c> is hashed by a trigger, over
/// its tenant, stream, version, id, type, data, timestamp and metadata, chained to the hash of the stream's previous
/// version, and the hash is kept in a table of our own.
/// </summary>
/// <remarks>
/// Why a trigger and a side table rather than a column: Weasel drops columns it does not know from <c>mt_events</c>
/// in every migration mode, while it leaves triggers and other tables alone. Why in the database rather than the
/// client: every path that appends (quick append, inline projections, tools) is covered without Marten knowing, and
/// the one SQL function that computes a hash serves both the trigger and the auditor's verification.
/// Registered as a Marten storage feature, so Marten's own schema migration creates and upgrades it, after the event
/// tables it depends on.
/// </remarks>
public sealed class EventHashChain : FeatureSchemaBase
{
    public const string HashTableName = "platform_event_hashes";
    public const string HashFunctionName = "platform_event_hash";
    internal const string TriggerFunctionName = "platform_chain_event";
    internal const string TriggerName = "platform_chain_events";

    private readonly string schema;

    public EventHashChain(string eventSchema, Migrator migrator) : base("PlatformEventHashChain", migrator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventSchema);
        schema = eventSchema;
    }

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        yield return HashTable();
        yield return new EventHashChainRoutines(schema, HashFunctionSql(schema), TriggerFunctionSql());
    }

    private Table HashTable()
    {
        var table = new Table(new PostgresqlObjectName(schema, HashTableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("seq_id").AsPrimaryKey();
        table.AddColumn("tenant_id", "varchar").NotNull();
        table.AddColumn("stream_id", "varchar").NotNull();
        table.AddColumn<long>("version").NotNull();
        table.AddColumn("hash", "bytea").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{HashTableName}_stream_version")
        {
            Columns = ["tenant_id", "stream_id", "version"],
            IsUnique = true,
        });
        return table;
    }

    /// <summary>
    /// The content is rendered as one JSON array: unambiguous about nulls and separators, and jsonb's own output form
    /// for the data, so that re-formatting the same JSON is not mistaken for a change while any real change is.
    /// The timestamp goes in as whole microseconds since the epoch, which is exactly what PostgreSQL stores.
    /// </summary>
    internal static string HashFunctionSql(string schema) => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.{{HashFunctionName}}(
            previous bytea, tenant varchar, stream varchar, stream_version bigint, event_id uuid, event_type varchar,
            event_data jsonb, event_timestamp timestamptz, correlation varchar, causation varchar, actor varchar,
            event_headers jsonb)
        RETURNS bytea LANGUAGE sql STABLE AS $body$
            SELECT sha256(coalesce(previous, '\x'::bytea) || convert_to(jsonb_build_array(
                tenant, stream, stream_version, event_id, event_type, event_data,
                (extract(epoch FROM event_timestamp) * 1000000)::bigint,
                correlation, causation, actor, event_headers)::text, 'UTF8'))
        $body$;
        """;

    private string TriggerFunctionSql() => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.{{TriggerFunctionName}}() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE
            previous bytea;
        BEGIN
            SELECT h.hash INTO previous FROM {{schema}}.{{HashTableName}} h
             WHERE h.tenant_id = NEW.tenant_id AND h.stream_id = NEW.stream_id AND h.version = NEW.version - 1;
            INSERT INTO {{schema}}.{{HashTableName}} (seq_id, tenant_id, stream_id, version, hash)
            VALUES (NEW.seq_id, NEW.tenant_id, NEW.stream_id, NEW.version, {{schema}}.{{HashFunctionName}}(
                previous, NEW.tenant_id, NEW.stream_id, NEW.version, NEW.id, NEW.type, NEW.data, NEW.timestamp,
                NEW.correlation_id, NEW.causation_id, NEW.user_name, NEW.headers));
            RETURN NULL;
        END
        $body$;
        """;
}
