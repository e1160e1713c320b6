using System.Text.Json;
using Npgsql;
using Platform.Authorization;
using Platform.Kernel.Errors;
using Platform.Storage.Views;
using Platform.Testing;

namespace Platform.EventSourcing.Tests.Storage;

/// <summary>
/// The kernel's JSON views on real PostgreSQL: a page with its total in one round trip, a page past the end that still
/// knows the total, filter values that stay values, and every role narrowed to its own place before any filter.
/// </summary>
public sealed class JsonViewsTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IAsyncLifetime
{
    private const string District = "990101";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string schema = "views_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource dataSource = null!;

    private string Table => $"{schema}.item_views";

    private sealed record ItemView(string Id, string Title, string StreetId, string CommunityId, string[] DepartmentIds, string ReporterUserId);

    private static readonly ItemView[] Items =
    [
        new("N1", "楼道堆物 50%_清理", "linxiaolu", "xinghuananli", ["dept-cgk"], "resident-1"),
        new("N2", "路灯不亮", "linxiaolu", "xinghuananli", [], "resident-2"),
        new("N3", "井盖缺失", "linxiaolu", "yixingyuan", ["dept-cgk", "dept-jjzd"], "resident-1"),
        new("N4", "占道经营", "yongxinglu", "yongxinglu-1", ["dept-jjzd"], "resident-3"),
        new("N5", "违章停车", "yongxinglu", "yongxinglu-1", [], "resident-3"),
    ];

    public async Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        await using var command = dataSource.CreateCommand($"""
            CREATE SCHEMA {schema};
            CREATE TABLE {Table} (tenant_id text, item_id text, title text, street_id text, community_id text, department_ids text[],
                reporter_user_id text, view jsonb, PRIMARY KEY (tenant_id, item_id));
            """);
        await command.ExecuteNonQueryAsync();
        foreach (var (item, tenant) in Items.Select(item => (item, District)).Append((Items[0] with { Id = "X1" }, "990102")))
        {
            await using var insert = dataSource.CreateCommand($"INSERT INTO {Table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)");
            foreach (var value in new object[] { tenant, item.Id, item.Title, item.StreetId, item.CommunityId, item.DepartmentIds, item.ReporterUserId, JsonSerializer.Serialize(item, Json) })
                insert.Parameters.Add(new() { Value = value });
            await insert.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    private JsonViews Views => new(dataSource, Json);

    [Fact]
    public async Task A_page_carries_the_total_of_the_district_and_a_page_past_the_end_still_knows_it()
    {
        var first = await Views.PageAsync<ItemView>(Table, new ViewFilter(District), "item_id", PageRequest.From(1, 2), default);
        var past = await Views.PageAsync<ItemView>(Table, new ViewFilter(District), "item_id", PageRequest.From(4, 2), default);

        Assert.Equal(["N1", "N2"], first.Items.Select(item => item.Id));
        Assert.Equal(5L, first.Total);
        Assert.Equal((0, 5L, 4), (past.Items.Count, past.Total, past.Page));
    }

    [Fact]
    public async Task Filter_values_are_parameters_and_a_searched_wildcard_is_only_a_character()
    {
        var injected = await Views.PageAsync<ItemView>(Table, new ViewFilter(District).Add("street_id = {0}", "linxiaolu' OR '1'='1"), "item_id", PageRequest.From(1, 20), default);
        var percent = await Views.PageAsync<ItemView>(Table, new ViewFilter(District).Add("title ILIKE {0}", ViewFilter.Containing("50%_")), "item_id", PageRequest.From(1, 20), default);
        var underscore = await Views.PageAsync<ItemView>(Table, new ViewFilter(District).Add("title ILIKE {0}", ViewFilter.Containing("_")), "item_id", PageRequest.From(1, 20), default);

        Assert.Empty(injected.Items);
        Assert.Equal(["N1"], percent.Items.Select(item => item.Id));
        Assert.Equal(["N1"], underscore.Items.Select(item => item.Id));
        Assert.Equal("井盖缺失", (await Views.FindAsync<ItemView>(Table, "item_id", District, "N3", default))!.Title);
        Assert.Null(await Views.FindAsync<ItemView>(Table, "item_id", District, "X1", default));
    }

    [Theory]
    [InlineData(PlatformRole.DistrictAdmin, "N1 N2 N3 N4 N5")]
    [InlineData(PlatformRole.Auditor, "N1 N2 N3 N4 N5")]
    [InlineData(PlatformRole.StreetStaff, "N1 N2 N3")]
    [InlineData(PlatformRole.CommunityStaff, "N1 N2")]
    [InlineData(PlatformRole.DepartmentStaff, "N1 N3")]
    [InlineData(PlatformRole.Resident, "N1 N3")]
    [InlineData(PlatformRole.Volunteer, "N1 N3")]
    [InlineData(PlatformRole.UnitMember, "")]
    public async Task Each_role_sees_its_own_place_before_any_filter(PlatformRole role, string expected)
    {
        var user = new PlatformUser("resident-1", "测试用户", role, District, StreetId: "linxiaolu", CommunityId: "xinghuananli", DepartmentId: "dept-cgk");
        var columns = new ViewScopeColumns(Department: "department_ids", Reporter: "reporter_user_id");

        var seen = await Views.PageAsync<ItemView>(Table, new ViewFilter(District).NarrowTo(user, columns), "item_id", PageRequest.From(null, null), default);

        Assert.Equal(expected, string.Join(' ', seen.Items.Select(item => item.Id)));
    }

    [Fact]
    public async Task A_table_not_opened_to_a_role_shows_it_nothing()
    {
        var department = new PlatformUser("u", "城管科", PlatformRole.DepartmentStaff, District, DepartmentId: "dept-cgk");

        var seen = await Views.PageAsync<ItemView>(Table, new ViewFilter(District).NarrowTo(department, new ViewScopeColumns()), "item_id", PageRequest.From(1, 20), default);

        Assert.Empty(seen.Items);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(null, 0)]
    [InlineData(null, 201)]
    public void A_page_out_of_range_is_refused(int? page, int? pageSize) =>
        Assert.Throws<InvalidCommandException>(() => PageRequest.From(page, pageSize));
}
