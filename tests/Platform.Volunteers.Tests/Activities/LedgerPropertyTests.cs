using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Platform.Volunteers.Tests.Activities.ActivityGivens;

namespace Platform.Volunteers.Tests.Activities;

/// <summary>
/// The service ledgers' guarantees after any sequence of commands on an activity at any moments, refused commands
/// included: every entry sums to zero, no entry id repeats, and each volunteer's balances equal the credit that stands
/// for them (after corrections and approved late entries), hour for hour and point for point.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly string[] Volunteers = ["v-013", "v-014", "v-015"];
    private static readonly DateTimeOffset[] Moments = [DayBefore, Starts.AddMinutes(-10), Starts.AddMinutes(40), Starts.AddMinutes(100), Ends.AddHours(1), Ends.AddHours(25)];

    public sealed record Step(int Action, int Volunteer, int Moment, int Minutes);

    private static Arbitrary<Step[]> Steps() =>
        (from action in Gen.Choose(0, 8)
         from volunteer in Gen.Choose(0, Volunteers.Length - 1)
         from moment in Gen.Choose(0, Moments.Length - 1)
         from minutes in Gen.Choose(0, 130)
         select new Step(action, volunteer, moment, minutes)).ArrayOf().ToArbitrary();

    private static ActivityCommand CommandFor(Step step)
    {
        var volunteer = Volunteers[step.Volunteer];
        return step.Action switch
        {
            0 => new SignUp(volunteer, volunteer, [], "清扫"),
            1 => new CheckIn(volunteer, Code),
            2 => new CheckOut(volunteer, Code),
            3 => new LogWalkIn(volunteer, volunteer, "清扫", Starts.AddMinutes(step.Minutes % 60), null),
            4 => new CreditService(ServiceRules.Default),
            5 => new CorrectCredit(volunteer, step.Minutes, "更正", ServiceRules.Default),
            6 => new RequestLateEntry(volunteer, volunteer, step.Minutes, "忘记签到", ServiceRules.Default),
            7 => new ApproveLateEntry(volunteer, ServiceRules.Default),
            _ => new CloseMissingCheckOuts(ServiceRules.Default),
        };
    }

    private static (Activity State, List<ActivityEvent> Events) Run(Step[] steps)
    {
        var events = new List<ActivityEvent> { Scheduled(capacity: 2), CodeShown() };
        var state = ActivityDecider.Decider.Fold(events);
        foreach (var step in steps)
        {
            try
            {
                var decided = ActivityDecider.Decide(CommandFor(step), state, new Platform.Kernel.Deciding.DecisionContext("tester", Moments[step.Moment]));
                state = decided.Aggregate(state, Activity.Evolve);
                events.AddRange(decided);
            }
            catch (Exception refused) when (refused is InvalidCommandException or RuleViolationException or NotFoundException)
            {
            }
        }
        return (state, events);
    }

    [Property(MaxTest = 300)]
    public Property Every_entry_sums_to_zero_and_is_posted_once() => Prop.ForAll(Steps(), steps =>
    {
        var entries = Run(steps).Events.SelectMany(@event => @event.Posted()).ToList();
        return entries.All(DoubleEntry.SumsToZero) && entries.Select(entry => entry.EntryId).Distinct().Count() == entries.Count;
    });

    [Property(MaxTest = 300)]
    public Property Balances_equal_the_credit_that_stands() => Prop.ForAll(Steps(), steps =>
    {
        var (state, events) = Run(steps);
        var balances = DoubleEntry.Balances(events.SelectMany(@event => @event.Posted()));
        foreach (var volunteer in Volunteers)
        {
            var account = ServiceLedger.VolunteerAccount(volunteer);
            var hours = balances.GetValueOrDefault((account, ServiceLedger.CheckedHours)) + balances.GetValueOrDefault((account, ServiceLedger.RecordedHours));
            var points = balances.GetValueOrDefault((account, ServiceLedger.Points));
            var standing = state.Credits.GetValueOrDefault(volunteer);
            if (hours != Math.Round((standing?.Minutes ?? 0) / 60m, 2) || points != (standing?.Points ?? 0)) return false;
            if (hours < 0 || points < 0) return false;
        }
        return balances.Values.Sum() == 0;
    });
}
