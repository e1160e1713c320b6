using Npgsql;
using Platform.Authorization;
using Platform.Testing;

namespace Platform.Security.Tests;

/// <summary>A service's copy of the org tree on real PostgreSQL, fed the organization's changes in the orders a broker
/// may deliver them.</summary>
public sealed class OrganizationCopyTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IAsyncLifetime
{
    private const string District = "990101";
    private NpgsqlDataSource dataSource = null!;
    private OrganizationDirectory directory = null!;

    public async Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(await infrastructure.CreateDatabaseAsync("orgcopy"));
        directory = new OrganizationDirectory(dataSource);
        await directory.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    private static OrganizationUnit Grid(string unitId, string name) =>
        new(District, unitId, "grid", name, "xinghuananli", "linxiaolu", "xinghuananli", Closed: false);

    [Fact]
    public async Task Given_a_rename_and_a_close_When_the_close_arrives_first_Then_the_copy_still_takes_the_rename()
    {
        await directory.UpsertAsync(Grid("grid-a", "探测网格"), revision: 10, CancellationToken.None);

        await directory.UpdateAsync(District, "grid-a", revision: 12, name: null, closed: true, CancellationToken.None);
        await directory.UpdateAsync(District, "grid-a", revision: 11, name: "改名的探测网格", closed: null, CancellationToken.None);

        var unit = await directory.FindAsync(District, "grid-a");
        Assert.Equal(("改名的探测网格", true), (unit!.Name, unit.Closed));
    }

    [Fact]
    public async Task Given_a_newer_rename_When_an_older_one_is_redelivered_Then_the_newer_name_stays()
    {
        await directory.UpsertAsync(Grid("grid-b", "一网格"), revision: 20, CancellationToken.None);
        await directory.UpdateAsync(District, "grid-b", revision: 22, name: "三网格", closed: null, CancellationToken.None);

        await directory.UpdateAsync(District, "grid-b", revision: 21, name: "二网格", closed: null, CancellationToken.None);
        await directory.UpsertAsync(Grid("grid-b", "一网格"), revision: 20, CancellationToken.None);

        Assert.Equal("三网格", (await directory.FindAsync(District, "grid-b"))!.Name);
    }

    [Fact]
    public async Task Given_no_registration_yet_When_a_rename_arrives_Then_it_fails_so_that_the_broker_delivers_it_again_later()
    {
        await Assert.ThrowsAsync<UnknownOrganizationUnitException>(() =>
            directory.UpdateAsync(District, "grid-not-yet", revision: 31, name: "迟到的网格", closed: null, CancellationToken.None));

        await directory.UpsertAsync(Grid("grid-not-yet", "网格"), revision: 30, CancellationToken.None);
        await directory.UpdateAsync(District, "grid-not-yet", revision: 31, name: "迟到的网格", closed: null, CancellationToken.None);
        Assert.Equal("迟到的网格", (await directory.FindAsync(District, "grid-not-yet"))!.Name);
    }

    [Fact]
    public async Task Names_are_read_by_id_closed_units_included_and_open_units_are_listed_by_kind()
    {
        await directory.UpsertAsync(Grid("grid-open", "开放网格"), revision: 40, CancellationToken.None);
        await directory.UpsertAsync(Grid("grid-shut", "撤销网格"), revision: 41, CancellationToken.None);
        await directory.UpdateAsync(District, "grid-shut", revision: 42, name: null, closed: true, CancellationToken.None);

        var names = await directory.NamesAsync(District, ["grid-open", "grid-shut", "grid-unknown"]);
        var open = await directory.ListAsync(District, "grid");

        Assert.Equal(new Dictionary<string, string> { ["grid-open"] = "开放网格", ["grid-shut"] = "撤销网格" }, names);
        Assert.Contains(open, unit => unit.UnitId == "grid-open");
        Assert.DoesNotContain(open, unit => unit.UnitId == "grid-shut");
    }
}
