using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Weasel.Core;
using Weasel.Postgresql;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace Platform.EventSourcing.Audit;

/// <summary>
/// The hash function, the trigger function and the trigger on <c>mt_events</c>, as one schema object.
/// </summary>
/// <remarks>
/// Weasel's own function object compares its SQL with <c>pg_get_functiondef</c>'s rendering after a textual clean-up,
/// sees a difference in ours on every run, and "updates" it with <c>DROP FUNCTION … CASCADE</c>, which silently drops
/// the trigger as well. So this object compares what matters exactly (each function's stored source, by MD5, and
/// whether the trigger exists and is enabled) and its create script never drops a function that a trigger uses.
/// </remarks>
internal sealed class EventHashChainRoutines(string schema, string hashFunctionSql, string triggerFunctionSql) : ISchemaObject
{
    private const string BodyQuote = "$body$";

    public DbObjectName Identifier { get; } =
        new PostgresqlObjectName(schema, EventHashChain.TriggerName, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine(hashFunctionSql);
        writer.WriteLine(triggerFunctionSql);
        writer.WriteLine($"DROP TRIGGER IF EXISTS {EventHashChain.TriggerName} ON {schema}.mt_events;");
        writer.WriteLine(
            $"CREATE TRIGGER {EventHashChain.TriggerName} AFTER INSERT ON {schema}.mt_events " +
            $"FOR EACH ROW EXECUTE FUNCTION {schema}.{EventHashChain.TriggerFunctionName}();");
        writer.WriteLine();
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer)
    {
        writer.WriteLine($"DROP TRIGGER IF EXISTS {EventHashChain.TriggerName} ON {schema}.mt_events;");
        writer.WriteLine($"DROP FUNCTION IF EXISTS {schema}.{EventHashChain.TriggerFunctionName}();");
        writer.WriteLine($"DROP FUNCTION IF EXISTS {schema}.{EventHashChain.HashFunctionName};");
        writer.WriteLine();
    }

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        builder.Append("SELECT (SELECT md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ");
        builder.AppendParameter(schema);
        builder.Append(" AND p.proname = ");
        builder.AppendParameter(EventHashChain.HashFunctionName);
        builder.Append("), (SELECT md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ");
        builder.AppendParameter(schema);
        builder.Append(" AND p.proname = ");
        builder.AppendParameter(EventHashChain.TriggerFunctionName);
        builder.Append("), EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ");
        builder.AppendParameter(schema);
        builder.Append(" AND c.relname = 'mt_events' AND t.tgname = ");
        builder.AppendParameter(EventHashChain.TriggerName);
        builder.Append(" AND t.tgenabled <> 'D');");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        await reader.ReadAsync(ct);
        var hashFunction = await reader.IsDBNullAsync(0, ct) ? null : reader.GetString(0);
        var triggerFunction = await reader.IsDBNullAsync(1, ct) ? null : reader.GetString(1);
        var triggerEnabled = reader.GetBoolean(2);

        var difference = (hashFunction, triggerFunction, triggerEnabled) switch
        {
            (null, null, false) => SchemaPatchDifference.Create,
            _ when hashFunction == Md5OfBody(hashFunctionSql) && triggerFunction == Md5OfBody(triggerFunctionSql) && triggerEnabled
                => SchemaPatchDifference.None,
            _ => SchemaPatchDifference.Update,
        };
        return new SchemaObjectDelta(this, difference);
    }

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
        yield return new PostgresqlObjectName(schema, EventHashChain.TriggerFunctionName, SchemaUtils.IdentifierUsage.General);
        yield return new PostgresqlObjectName(schema, EventHashChain.HashFunctionName, SchemaUtils.IdentifierUsage.General);
    }

    /// <summary>PostgreSQL keeps a function's source as the text between its dollar quotes, byte for byte.</summary>
    private static string Md5OfBody(string functionSql)
    {
        var start = functionSql.IndexOf(BodyQuote, StringComparison.Ordinal) + BodyQuote.Length;
        var end = functionSql.LastIndexOf(BodyQuote, StringComparison.Ordinal);
        return Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(functionSql[start..end])));
    }
}
