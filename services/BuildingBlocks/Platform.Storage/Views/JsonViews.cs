using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Kernel.Errors;

namespace Platform.Storage.Views;

/// <summary>One page of a list, as every list endpoint answers it.</summary>
public sealed record ResultPage<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize)
{
    public ResultPage<TOther> Select<TOther>(Func<T, TOther> map) => new([.. Items.Select(map)], Total, Page, PageSize);
}

/// <summary>The page a caller asked for, checked once for every list: a bad one is a 400, never a silent default.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultSize = 20;
    public const int LargestSize = 200;

    public static PageRequest From(int? page, int? pageSize)
    {
        if (page is < 1) throw new InvalidCommandException("page 须为正整数。");
        if (pageSize is < 1 or > LargestSize) throw new InvalidCommandException($"pageSize 须在 1–{LargestSize} 之间。");
        return new PageRequest(page ?? 1, pageSize ?? DefaultSize);
    }

    public int Offset => (Page - 1) * PageSize;
}

/// <summary>
/// A parameterized WHERE clause over a view table, always narrowed to one tenant (district). In a condition, "{0}"
/// stands for its value's parameter; a condition without one is taken as it is (<c>is_open</c>, <c>false</c>).
/// </summary>
public sealed class ViewFilter
{
    private readonly StringBuilder sql = new("tenant_id = $1");
    private readonly List<object> values;

    public ViewFilter(string tenantId) => values = [tenantId];

    public string Sql => sql.ToString();

    public IReadOnlyList<object> Values => values;

    public ViewFilter Add(string condition, object? value = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(condition);
        if (condition.Contains("{0}", StringComparison.Ordinal))
        {
            ArgumentNullException.ThrowIfNull(value);
            values.Add(value);
            condition = condition.Replace("{0}", $"${values.Count}", StringComparison.Ordinal);
        }
        sql.Append(" AND (").Append(condition).Append(')');
        return this;
    }

    /// <summary>Adds the condition only when the caller gave a value (an empty filter field filters nothing).</summary>
    public ViewFilter AddWhenGiven(string condition, string? value) => string.IsNullOrEmpty(value) ? this : Add(condition, value);

    /// <summary>A <c>LIKE</c> pattern that finds <paramref name="text"/> anywhere, its own wildcards taken literally.</summary>
    public static string Containing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return $"%{text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal)}%";
    }

    /// <summary>The values of the clause, in order, for a query of its own over the same rows (a sum, a count by group).</summary>
    public NpgsqlParameter[] Parameters() => [.. values.Select(value => new NpgsqlParameter { Value = value })];
}

/// <summary>
/// A service's JSON views: one table per kind of view, one row per record with the whole view in a <c>view</c> jsonb
/// column beside the columns lists filter and sort on, keyed by tenant and id. Reads one view, or one page of them
/// with the total, in one round trip.
/// </summary>
public sealed class JsonViews(NpgsqlDataSource dataSource, JsonSerializerOptions json)
{
    /// <param name="table">Schema-qualified, e.g. <c>needs.need_views</c>.</param>
    public async Task<T?> FindAsync<T>(string table, string idColumn, string tenantId, string id, CancellationToken cancellationToken) where T : class
    {
        await using var command = dataSource.CreateCommand($"SELECT view FROM {table} WHERE tenant_id = $1 AND {idColumn} = $2");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string found ? Deserialize<T>(found) : null;
    }

    /// <param name="orderBy">Must end in a unique column, so that pages never overlap or skip.</param>
    public async Task<ResultPage<T>> PageAsync<T>(string table, ViewFilter filter, string orderBy, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var items = new List<T>();
        long total = 0;
        await using (var command = dataSource.CreateCommand($"""
            SELECT view, count(*) OVER () FROM {table} WHERE {filter.Sql}
            ORDER BY {orderBy} LIMIT {page.PageSize} OFFSET {page.Offset}
            """))
        {
            command.Parameters.AddRange(filter.Parameters());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Deserialize<T>(reader.GetString(0)));
                total = reader.GetInt64(1);
            }
        }
        if (items.Count == 0 && page.Page > 1)
        {
            // Past the last page the window function has no row to carry the total: count on its own.
            await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE {filter.Sql}");
            count.Parameters.AddRange(filter.Parameters());
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        return new ResultPage<T>(items, total, page.Page, page.PageSize);
    }

    private T Deserialize<T>(string found) => JsonSerializer.Deserialize<T>(found, json)!;
}
