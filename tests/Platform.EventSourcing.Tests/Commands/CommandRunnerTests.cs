using Platform.EventSourcing.Commands;
using Platform.EventSourcing.Tests.Support;
using Platform.Kernel.Errors;
using Platform.Testing;

namespace Platform.EventSourcing.Tests.Commands;

/// <summary>
/// The kernel's command runner on a real store: FetchForWriting with the decider's own fold, If-Match, conflicts as
/// typed 409s that lose nothing, and a policy across two aggregates that commits both or neither.
/// </summary>
public sealed class CommandRunnerTests(TestInfrastructure infrastructure) : IClassFixture<TestInfrastructure>, IAsyncLifetime
{
    private static readonly CommandOrigin Teller = new(MartenTestStore.Tenant, "柜员甲", "correlation-ledger");
    private MartenTestStore store = null!;
    private CommandRunner runner = null!;

    public async Task InitializeAsync()
    {
        store = await MartenTestStore.CreateAsync(infrastructure.PostgresConnectionString, options =>
        {
            options.Events.AddEventTypes([typeof(LedgerOpened), typeof(Deposited), typeof(Withdrawn)]);
            options.AddDecider(LedgerDecider.Decider);
        });
        runner = new CommandRunner(store.Store, TimeProvider.System);
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    [Fact]
    public async Task Given_a_started_ledger_When_commands_run_Then_each_is_decided_on_the_folded_state_and_the_version_counts_the_events()
    {
        var opened = await runner.StartAsync(Teller, LedgerDecider.Decider, "a", new OpenLedger("永兴路社区"), default);
        await Run("a", new Deposit(500), opened.Version);
        var after = await Run("a", new Withdraw(120), expectedVersion: 2);

        Assert.Equal((3L, 380m, "永兴路社区"), (after.Version, after.State.Balance, after.State.Owner));
        var stored = await Load("a");
        Assert.Equal(after.State, stored.State);
        Assert.Equal(3, stored.Version);
    }

    [Fact]
    public async Task Given_an_origin_with_the_actors_name_When_its_command_commits_Then_every_event_carries_the_account_and_the_name()
    {
        var named = Teller with { Actor = "teller-yi", ActorName = "柜员乙（永兴路社区）" };
        await runner.StartAsync(named, LedgerDecider.Decider, "named", new OpenLedger("永兴路社区"), default);

        await using var session = store.Store.QuerySession(MartenTestStore.Tenant);
        var stored = Assert.Single(await session.Events.FetchStreamAsync("ledger-named"));
        Assert.Equal("teller-yi", stored.UserName);
        Assert.Equal("柜员乙（永兴路社区）", Audit.EventActors.NameOf(stored));
    }

    [Fact]
    public async Task Given_a_caller_who_saw_an_older_version_When_it_runs_a_command_Then_a_conflict_names_the_current_version_and_nothing_is_appended()
    {
        await runner.StartAsync(Teller, LedgerDecider.Decider, "b", new OpenLedger("富民街"), default);
        await Run("b", new Deposit(100), expectedVersion: 1);

        var conflict = await Assert.ThrowsAsync<StreamVersionConflictException>(() => Run("b", new Withdraw(50), expectedVersion: 1));

        Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.CurrentVersion));
        Assert.Equal(2, (await Load("b")).Version);
    }

    [Fact]
    public async Task Given_two_writers_who_loaded_the_same_version_When_both_commit_Then_the_second_gets_a_conflict_and_the_first_write_stands()
    {
        await runner.StartAsync(Teller, LedgerDecider.Decider, "c", new OpenLedger("兴华南里"), default);
        await using var first = runner.Begin(Teller);
        await using var second = runner.Begin(Teller with { Actor = "柜员乙" });
        var seenByFirst = await first.LoadAsync(LedgerDecider.Decider, "c");
        var seenBySecond = await second.LoadAsync(LedgerDecider.Decider, "c");
        first.Decide(seenByFirst, new Deposit(300));
        second.Decide(seenBySecond, new Deposit(7));

        await first.CommitAsync();
        await Assert.ThrowsAsync<StreamVersionConflictException>(() => second.CommitAsync());

        var stored = await Load("c");
        Assert.Equal((2L, 300m), (stored.Version, stored.State.Balance));
    }

    [Fact]
    public async Task Given_two_writers_who_loaded_the_same_version_When_both_commit_at_the_same_moment_Then_one_write_stands_and_the_other_is_a_conflict()
    {
        await runner.StartAsync(Teller, LedgerDecider.Decider, "j", new OpenLedger("兴华南里"), default);
        var scopes = new[] { runner.Begin(Teller), runner.Begin(Teller with { Actor = "柜员乙" }) };
        foreach (var scope in scopes) scope.Decide(await scope.LoadAsync(LedgerDecider.Decider, "j"), new Deposit(10));

        var commits = scopes.Select(scope => Task.Run(() => scope.CommitAsync())).ToArray();
        var outcome = await Task.WhenAll(commits.Select(async commit =>
        {
            try
            {
                await commit;
                return "committed";
            }
            catch (StreamVersionConflictException)
            {
                return "conflict";
            }
        }));
        foreach (var scope in scopes) await scope.DisposeAsync();

        Assert.Equal(["committed", "conflict"], outcome.Order());
        Assert.Equal((2L, 10m), ((await Load("j")).Version, (await Load("j")).State.Balance));
    }

    [Fact]
    public async Task Given_a_policy_across_two_ledgers_When_the_second_decision_is_refused_Then_the_first_is_not_committed_either()
    {
        await runner.StartAsync(Teller, LedgerDecider.Decider, "from", new OpenLedger("永安西里"), default);
        await Run("from", new Deposit(1000), expectedVersion: null);

        await Assert.ThrowsAsync<RuleViolationException>(() => TransferAsync("from", "never-opened", 400));
        Assert.Equal(1000m, (await Load("from")).State.Balance);

        await runner.StartAsync(Teller, LedgerDecider.Decider, "to", new OpenLedger("北街"), default);
        await TransferAsync("from", "to", 400);
        Assert.Equal((600m, 400m), ((await Load("from")).State.Balance, (await Load("to")).State.Balance));
    }

    [Fact]
    public async Task Given_a_missing_or_an_existing_ledger_When_a_command_names_it_Then_it_is_not_found_or_already_exists()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Run("nobody", new Deposit(1), expectedVersion: null));
        await runner.StartAsync(Teller, LedgerDecider.Decider, "d", new OpenLedger("北街"), default);

        await Assert.ThrowsAsync<StreamAlreadyExistsException>(() => runner.StartAsync(Teller, LedgerDecider.Decider, "d", new OpenLedger("北街"), default));
        Assert.Equal(1, (await Load("d")).Version);
    }

    [Fact]
    public async Task Given_an_authorization_that_refuses_When_a_command_runs_Then_nothing_is_decided()
    {
        await runner.StartAsync(Teller, LedgerDecider.Decider, "e", new OpenLedger("北街"), default);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => runner.RunAsync(
            Teller, LedgerDecider.Decider, "e", new Deposit(5), null, _ => throw new UnauthorizedAccessException(), "无此账户。", default));

        Assert.Equal(1, (await Load("e")).Version);
    }

    [Fact]
    public async Task Given_a_caller_who_saw_an_older_version_When_every_event_since_commutes_with_its_command_Then_it_goes_ahead_on_the_current_state()
    {
        var depositsCommute = LedgerDecider.Decider with { Commutes = (command, happened) => command is Deposit && happened is Deposited };
        await runner.StartAsync(Teller, depositsCommute, "f", new OpenLedger("永兴路社区"), default);
        await runner.RunAsync(Teller, depositsCommute, "f", new Deposit(200), 1, _ => { }, "无此账户。", default);

        var after = await runner.RunAsync(Teller, depositsCommute, "f", new Deposit(50), 1, _ => { }, "无此账户。", default);
        var conflict = await Assert.ThrowsAsync<StreamVersionConflictException>(
            () => runner.RunAsync(Teller, depositsCommute, "f", new Withdraw(10), 1, _ => { }, "无此账户。", default));

        Assert.Equal((3L, 250m), (after.Version, after.State.Balance));
        Assert.Equal((1L, 3L), (conflict.ExpectedVersion, conflict.CurrentVersion));
        Assert.Equal(3, (await Load("f")).Version);
    }

    [Fact]
    public async Task Given_a_version_the_caller_cannot_have_seen_When_the_command_commutes_Then_it_is_still_a_conflict()
    {
        var everythingCommutes = LedgerDecider.Decider with { Commutes = (_, _) => true };
        await runner.StartAsync(Teller, everythingCommutes, "g", new OpenLedger("富民街"), default);

        await Assert.ThrowsAsync<StreamVersionConflictException>(
            () => runner.RunAsync(Teller, everythingCommutes, "g", new Deposit(1), 5, _ => { }, "无此账户。", default));
        await Assert.ThrowsAsync<StreamVersionConflictException>(
            () => runner.RunAsync(Teller, everythingCommutes, "g", new Deposit(1), 0, _ => { }, "无此账户。", default));
        Assert.Equal(1, (await Load("g")).Version);
    }

    [Fact]
    public async Task Given_a_writer_who_commits_between_load_and_commit_When_a_command_executes_Then_it_is_decided_again_on_what_that_writer_left()
    {
        await runner.StartAsync(Teller, LedgerDecider.Decider, "h", new OpenLedger("兴华南里"), default);
        var attempts = 0;

        var balance = await runner.ExecuteAsync(Teller, async scope =>
        {
            var loaded = await scope.LoadAsync(LedgerDecider.Decider, "h");
            if (++attempts == 1) await Run("h", new Deposit(100), expectedVersion: null);
            scope.Decide(loaded, new Deposit(1));
            return loaded.State.Balance;
        }, default);

        Assert.Equal((2, 101m), (attempts, balance));
        var stored = await Load("h");
        Assert.Equal((3L, 101m), (stored.Version, stored.State.Balance));
    }

    [Fact]
    public async Task Given_a_writer_who_wins_every_race_When_a_command_executes_Then_the_second_lost_race_is_the_callers_conflict()
    {
        await runner.StartAsync(Teller, LedgerDecider.Decider, "i", new OpenLedger("北街"), default);
        var attempts = 0;

        await Assert.ThrowsAsync<StreamVersionConflictException>(() => runner.ExecuteAsync(Teller, async scope =>
        {
            var loaded = await scope.LoadAsync(LedgerDecider.Decider, "i");
            attempts++;
            await Run("i", new Deposit(100), expectedVersion: null);
            scope.Decide(loaded, new Deposit(1));
            return 0;
        }, default));

        Assert.Equal(2, attempts);
        var stored = await Load("i");
        Assert.Equal((3L, 200m), (stored.Version, stored.State.Balance));
    }

    private Task<Decided<Ledger>> Run(string id, LedgerCommand command, long? expectedVersion) =>
        runner.RunAsync(Teller, LedgerDecider.Decider, id, command, expectedVersion, _ => { }, $"账户「{id}」不存在。", default);

    /// <summary>A policy as a service writes one: two decisions, one scope, one commit.</summary>
    private async Task TransferAsync(string from, string to, decimal amount)
    {
        await using var scope = runner.Begin(Teller);
        var source = await scope.LoadAsync(LedgerDecider.Decider, from);
        var target = await scope.LoadAsync(LedgerDecider.Decider, to);
        scope.Decide(source, new Withdraw(amount));
        scope.Decide(target, new Deposit(amount));
        await scope.CommitAsync();
    }

    private async Task<Loaded<LedgerCommand, LedgerEvent, Ledger>> Load(string id)
    {
        await using var scope = runner.Begin(Teller);
        return await scope.LoadAsync(LedgerDecider.Decider, id);
    }
}
