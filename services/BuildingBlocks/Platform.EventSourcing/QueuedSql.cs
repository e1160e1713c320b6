using System.Text.RegularExpressions;
using Marten;

namespace Platform.EventSourcing;

/// <summary>
/// Raw SQL queued in a Marten unit of work, so that a projection's or subscription's own tables change in the same
/// transaction as the events or progress it answers to.
/// </summary>
public static partial class QueuedSql
{
    /// <param name="sql">Written with PostgreSQL's numbered parameters ($1, $2 …), each used once and in order, so
    /// the text reads like the SQL it is; Marten's positional placeholders are put in here.</param>
    /// <param name="values">Times are stored as UTC, which is what PostgreSQL's timestamptz accepts from Npgsql.</param>
    public static void QueueSql(this IDocumentOperations operations, string sql, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var placeholders = NumberedParameter().Matches(sql).Count;
        if (placeholders != values.Length)
            throw new ArgumentException($"The statement has {placeholders} parameters but {values.Length} values were given.", nameof(values));
        operations.QueueSqlCommand(NumberedParameter().Replace(sql, "?"),
            [.. values.Select(value => value is DateTimeOffset time ? time.ToUniversalTime() : value ?? DBNull.Value)]);
    }

    [GeneratedRegex(@"\$\d+")]
    private static partial Regex NumberedParameter();
}
