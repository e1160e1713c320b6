using Platform.DemoLoader.Volunteers;
using Platform.SystemUnderTest;
using Platform.Volunteers.Teams;

namespace Platform.Volunteers.Tests.DemoData;

/// <summary>The Volunteers demo year as the loader would write it on 2026-12-07, checked against the seeds without a
/// database: what the rules would refuse could not be generated at all (every event comes from a decider).</summary>
public sealed class VolunteersDemoDataTests
{
    private static readonly DateTimeOffset LoadMoment = new(2026, 12, 7, 8, 30, 0, TimeSpan.FromHours(8));

    private static readonly VolunteersDemoSources Sources = VolunteersDemoSources.Load(DemoDistrict.Folder);

    private static readonly VolunteersDemoSet Data = VolunteersDemoData.Generate(Sources, LoadMoment);

    private static IEnumerable<object> Events => Data.Groups.SelectMany(group => group).SelectMany(append => append.Events);

    [Fact]
    public void Every_seed_volunteer_reports_and_is_confirmed_and_the_seed_teams_form()
    {
        Assert.All(Sources.Volunteers, seed => Assert.Contains(Events.OfType<VolunteerRegistered>(), volunteer => volunteer.VolunteerId == seed.Id));
        Assert.Equal(Data.Volunteers, Events.OfType<VolunteerReportConfirmed>().Count());
        Assert.Equal(Sources.Teams.Count, Data.Teams);
        Assert.Contains(Events.OfType<TeamFormed>(), team => team.Name == "张思德志愿服务队" && team.Members.Count > 0);
        Assert.Contains(Events.OfType<VolunteerRegistered>(), volunteer => volunteer.VolunteerId == "v-013" && volunteer.UserId == "fumin-volunteer");
        Assert.All(Data.Groups.SelectMany(group => group), append => Assert.True(append.At < LoadMoment, $"{append.StreamId} at {append.At}"));
    }

    [Fact]
    public void Xinghuananli_counts_its_605_reported_members_and_723_person_times_in_its_9_activities_and_every_community_has_volunteers()
    {
        var registered = Events.OfType<VolunteerRegistered>().ToList();
        Assert.Equal(605, registered.Count(volunteer => volunteer.CommunityId == "xinghuananli" && volunteer.Kind != VolunteerKinds.Resident));
        var seedActivities = Events.OfType<ActivityScheduled>().Where(activity => activity.CommunityId == "xinghuananli" && !activity.ActivityId.StartsWith("AV-", StringComparison.Ordinal))
            .Select(activity => activity.ActivityId).ToHashSet();
        Assert.Equal(9, seedActivities.Count);
        var checkIns = Events.OfType<VolunteerCheckedIn>().Count(checkIn => seedActivities.Contains(checkIn.ActivityId));
        Assert.Equal(723, checkIns);
        Assert.Equal(Sources.StreetOfCommunity.Count, registered.Select(volunteer => volunteer.CommunityId).Distinct().Count());
        var reported = Events.OfType<UnitReported>().ToList();
        Assert.InRange(reported.Count, Sources.Units.Count * 7 / 10, Sources.Units.Count);
        Assert.True(Events.OfType<UnitReportConfirmed>().Count() < reported.Count, "a few units are still waiting for the community");
    }

    [Fact]
    public void The_year_of_activities_is_credited_onto_balanced_ledgers_with_flags_and_stars()
    {
        Assert.True(Data.Activities > 40, $"{Data.Activities} activities");
        var credited = Events.OfType<ServiceCredited>().ToList();
        Assert.True(credited.Count > 30, $"{credited.Count} credited");
        Assert.Contains(credited.SelectMany(credit => credit.Credits), credit => credit.ClosedAt is not null);
        Assert.Contains(credited.SelectMany(credit => credit.Credits), credit => credit.Minutes == 0 && credit.Note is not null);
        var entries = Events.OfType<ActivityEvent>().SelectMany(@event => @event.Posted())
            .Concat(Events.OfType<VolunteerEvent>().SelectMany(@event => @event.Posted()).Select(posted => posted.Entry)).ToList();
        Assert.All(entries, entry => Assert.True(DoubleEntry.SumsToZero(entry), entry.EntryId));
        Assert.Equal(entries.Count, entries.Select(entry => entry.EntryId).Distinct().Count());
        var hours = DoubleEntry.Balances(entries).Where(balance => balance.Key.Account.StartsWith("volunteer:", StringComparison.Ordinal)
            && balance.Key.Kind != ServiceLedger.Points).GroupBy(balance => balance.Key.Account).Select(group => group.Sum(balance => balance.Value)).ToList();
        Assert.Contains(hours, total => total >= 100);
    }

    [Fact]
    public void Next_saturday_is_open_for_sign_up_and_fuminjie_s_households_are_filed_and_visited()
    {
        var upcoming = Events.OfType<ActivityScheduled>().Where(activity => activity.StartsAt > LoadMoment).ToList();
        Assert.Equal(Events.OfType<VolunteerRegistered>().Select(volunteer => volunteer.CommunityId).Distinct().Count(), upcoming.Count);
        Assert.Equal(Sources.Households.Count, Data.Households);
        Assert.Contains(Events.OfType<HouseholdFiled>(), household => household.Colour == CareColours.Red);
        Assert.True(Events.OfType<HouseholdVisited>().Count() > Data.Households);
        Assert.Equal(3, Data.Gifts);
    }
}
