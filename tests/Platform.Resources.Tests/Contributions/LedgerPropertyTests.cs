using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Platform.Resources.Tests.Contributions;

/// <summary>
/// The ledger's guarantees after any sequence of commands on any number of contributions between units and
/// communities, refused commands included: every entry sums to zero, every account's balance is the sum of its lines,
/// and what the entries hold equals the amounts the community confirmed and has not taken back.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly string[] Units = ["u-laodong", "u-yongxinglu-01", "u-fumin-07"];
    private static readonly string[] Communities = ["yongxinglu", "fuminjie", "xinghuananli"];
    private static readonly string[] Measures = ["hours", "yuan", "items", "servings", "half-days", "activities"];
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>One step: which contribution, and what is asked of it.</summary>
    public sealed record Step(int Contribution, int Action, int Unit, int Community, int Measure, int Amount);

    private static Arbitrary<Step[]> Steps() =>
        (from contribution in Gen.Choose(0, 4)
         from action in Gen.Choose(0, 3)
         from unit in Gen.Choose(0, Units.Length - 1)
         from community in Gen.Choose(0, Communities.Length - 1)
         from measure in Gen.Choose(0, Measures.Length - 1)
         from amount in Gen.Choose(0, 500)
         select new Step(contribution, action, unit, community, measure, amount)).ArrayOf().ToArbitrary();

    private static ContributionCommand CommandFor(Step step, string id) => step.Action switch
    {
        0 => new ReportContribution(id, Units[step.Unit], "单位", new ContributionParty("street", Communities[step.Community]), null, null, "贡献",
            Measures[step.Measure], step.Amount, DateOnly.FromDateTime(Now.Date)),
        1 => new ConfirmContribution(),
        2 => new DeclineContribution("未收到"),
        _ => new CorrectContribution(step.Amount, "更正"),
    };

    /// <summary>Runs the steps through the decider as the command runner would, skipping the refused ones.</summary>
    private static Dictionary<string, (Contribution State, List<ContributionEvent> Events)> Run(Step[] steps)
    {
        var streams = new Dictionary<string, (Contribution State, List<ContributionEvent> Events)>();
        foreach (var step in steps)
        {
            var id = $"G{step.Contribution}";
            var (state, events) = streams.GetValueOrDefault(id, (Contribution.Initial with { ContributionId = id }, []));
            try
            {
                var decided = ContributionDecider.Decide(CommandFor(step, id), state, new Platform.Kernel.Deciding.DecisionContext("tester", Now));
                streams[id] = (decided.Aggregate(state, Contribution.Evolve), [.. events, .. decided]);
            }
            catch (Exception refused) when (refused is InvalidCommandException or RuleViolationException or NotFoundException)
            {
            }
        }
        return streams;
    }

    [Property(MaxTest = 300)]
    public Property Every_entry_sums_to_zero() => Prop.ForAll(Steps(), steps =>
        Run(steps).Values.SelectMany(stream => stream.Events).SelectMany(@event => @event.Posted()).All(DoubleEntry.SumsToZero));

    [Property(MaxTest = 300)]
    public Property Balances_equal_the_confirmed_amounts_still_standing() => Prop.ForAll(Steps(), steps =>
    {
        var streams = Run(steps);
        var entries = streams.Values.SelectMany(stream => stream.Events).SelectMany(@event => @event.Posted()).ToList();
        var balances = DoubleEntry.Balances(entries);
        var standing = streams.Values.Select(stream => stream.State).Where(state => state.Standing is not null).ToList();
        foreach (var community in Communities)
        {
            foreach (var kind in LedgerKinds.Names.Keys)
            {
                var received = standing.Where(state => state.Party!.CommunityId == community && LedgerKinds.Of(state.Measure) == kind).Sum(state => state.Amount);
                if (balances.GetValueOrDefault((Ledger.CommunityAccount(community), kind)) != received) return false;
            }
        }
        foreach (var unit in Units)
        {
            foreach (var kind in LedgerKinds.Names.Keys)
            {
                var given = standing.Where(state => state.UnitId == unit && LedgerKinds.Of(state.Measure) == kind).Sum(state => state.Amount);
                if (balances.GetValueOrDefault((Ledger.UnitAccount(unit), kind)) != -given) return false;
            }
        }
        return balances.Values.Sum() == 0 && entries.Select(entry => entry.EntryId).Distinct().Count() == entries.Count;
    });
}
