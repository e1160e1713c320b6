using System.Globalization;
using System.Text.Json;
using Platform.DemoLoader.Needs;
using Platform.Kernel.Time;
using Platform.Volunteers.Wishes;

namespace Platform.DemoLoader.Wishes;

/// <summary>Who helped fulfil a wish, and for how long: the minutes credited to their hours.</summary>
public sealed record PlannedHelper(string VolunteerId, string Name, int Minutes);

/// <summary>A claim on a wish: a volunteer, a team or a unit (<see cref="ClaimerKinds"/>), promised by its deadline.</summary>
public sealed record PlannedClaim(string Kind, string Id, string Name, DateTimeOffset ClaimedAt, DateOnly Deadline, IReadOnlyList<PlannedHelper> Helpers);

/// <summary>
/// One 微心愿 as both services lived it: raised in Needs for a household (its reporter and address stay there), put on
/// the board when accepted, claimed, and fulfilled with a note and a photo. <paramref name="BuildingId"/> and
/// <paramref name="Address"/> are the household's, known to Needs only; the board shows the grid.
/// </summary>
public sealed record PlannedWish(
    string NeedId, string Title, string Description, string StreetId, string CommunityId, string? GridId, string? BuildingId, string Address,
    string ReporterName, string ReporterPhone, DateTimeOffset RaisedAt, PlannedClaim? Claim, DateTimeOffset? FulfilledAt, string? Note)
{
    /// <summary>Needs accepts a wish within the hour and publishes it; the board has it a minute later.</summary>
    public DateTimeOffset AcceptedAt => RaisedAt.AddHours(1);

    public DateTimeOffset PostedAt => AcceptedAt.AddMinutes(1);
}

/// <summary>
/// The micro-wishes of 富民街 (seed 003: more than 300 fulfilled in three years), planned once for the Needs and the
/// Volunteers demo alike so that the two services' histories tell the same story with the same ids. The seed's 44
/// wishes keep their texts, claimers and pace within the last year (the 30 fulfilled ones by whole years; the claimed and
/// open ones are recent, so that the board has work on it), and 270 more are fulfilled over the three years before the
/// load day. Pure and deterministic: the same files and load day give the same plan; everything happens before that day.
/// </summary>
public static class MicroWishesDemoPlan
{
    public const string CommunityId = "fuminjie";

    /// <summary>With the seed's 30 fulfilled ones, a little over 300 in three years.</summary>
    private const int GeneratedFulfilled = 275;

    private const int Seed = 20261208;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] Notes =
    [
        "已送到居民家中，居民很满意。", "党员志愿者上门完成，拍照留档。", "东西已交到老人手里，顺便聊了聊家常。", "和家长一起交给孩子，孩子很开心。",
        "上门服务完成，留下联系方式，有需要再找我们。",
    ];

    public static IReadOnlyList<PlannedWish> Load(string folder, DateOnly today)
    {
        var organization = JsonSerializer.Deserialize<OrganizationFile>(File.ReadAllText(Path.Combine(folder, DemoSources.OrganizationFileName)), Json)!;
        var seeds = JsonSerializer.Deserialize<SeedsFile>(File.ReadAllText(Path.Combine(folder, DemoSources.ResourcesFileName)), Json)!;
        return Plan(organization, seeds, today);
    }

    private static IReadOnlyList<PlannedWish> Plan(OrganizationFile organization, SeedsFile seeds, DateOnly today)
    {
        var street = organization.Streets.FirstOrDefault(candidate => candidate.Communities.Any(community => community.Id == CommunityId));
        if (street is null) return [];
        var community = street.Communities.Single(candidate => candidate.Id == CommunityId);
        var random = new DemoRandom(Seed);
        var buildings = (community.Grids ?? []).SelectMany(grid => (grid.Buildings ?? []).Select(building => (grid, building))).ToList();
        var households = (seeds.ThreeColorCare?.Households ?? []).ToDictionary(household => household.Id);
        var volunteers = (seeds.Volunteers ?? []).Where(volunteer => volunteer.CommunityId == CommunityId).ToDictionary(volunteer => volunteer.Id);
        var teams = (seeds.Teams ?? []).Where(team => team.CommunityId == CommunityId)
            .Select(team => (team.Id, team.Name, Members: volunteers.Values.Where(volunteer => volunteer.TeamIds?.Contains(team.Id) == true).ToList()))
            .Where(team => team.Members.Count > 0).ToList();
        var units = organization.Units.Where(unit => unit.CommunityIds?.Contains(CommunityId) == true).OrderBy(unit => unit.Id, StringComparer.Ordinal).ToList();
        var items = (seeds.MicroWishes?.Items ?? []).Where(item => item.CommunityId == CommunityId).ToList();
        DateTimeOffset At(DateOnly date, int hour, int minute = 0) => DistrictTime.StartOf(date).AddHours(hour).AddMinutes(minute);

        // The Volunteers demo has its seed volunteers join no earlier than a month into the three years.
        var earliestJoin = today.AddYears(-3).AddDays(31);
        bool ServesOn(SeedWishVolunteer volunteer, DateOnly date) => (volunteer.JoinedAt < earliestJoin ? earliestJoin : volunteer.JoinedAt).AddDays(2) < date;

        PlannedWish Wish(
            string needId, SeedWishItem template, DateOnly raisedOn, (DemoGrid Grid, DemoBuilding Building) home, string room, PlannedClaim? claim, DateOnly? fulfilledOn)
        {
            var xiaoqu = community.Xiaoqu?.FirstOrDefault(candidate => candidate.Id == home.Building.XiaoquId)?.Name ?? community.ShortName ?? community.Name;
            var value = template.EstimatedValueYuan is > 0 ? $"，预计价值约 {template.EstimatedValueYuan} 元" : "";
            return new PlannedWish(
                needId, template.Wish, $"{template.Beneficiary}的微心愿：{template.Wish}{value}。由社区工作人员入户了解后代为登记。", street.Id, CommunityId,
                home.Grid.Id, home.Building.Id, $"{xiaoqu}{home.Building.Name}{room}",
                random.Pick(DemoTexts.Surnames) + random.Pick(DemoTexts.GivenNames), (13800006000L + random.Next(4000)).ToString(CultureInfo.InvariantCulture),
                At(raisedOn, 9 + random.Next(8), random.Next(60)), claim, fulfilledOn is { } day ? At(day, 15, random.Next(60)) : null,
                fulfilledOn is null ? null : random.Pick(Notes));
        }

        (DemoGrid Grid, DemoBuilding Building) HomeOf(SeedWishItem item)
        {
            var household = item.HouseholdId is { } id ? households.GetValueOrDefault(id) : null;
            var known = buildings.FindIndex(pair => pair.building.Id == household?.BuildingId);
            return known >= 0 ? buildings[known] : random.Pick(buildings);
        }

        string RoomOf(SeedWishItem item) =>
            item.HouseholdId is { } id && households.TryGetValue(id, out var household) ? household.Room : $"{1 + random.Next(3)}单元{1 + random.Next(6)}0{1 + random.Next(2)}";

        PlannedClaim ClaimBy(string kind, string id, DateOnly claimedOn, DateOnly deadline) => kind switch
        {
            ClaimerKinds.Volunteer => new PlannedClaim(kind, id, volunteers[id].Name, At(claimedOn, 19, random.Next(60)), deadline,
                [new PlannedHelper(id, volunteers[id].Name, 60 + 10 * random.Next(13))]),
            ClaimerKinds.Team => new PlannedClaim(kind, id, teams.Single(team => team.Id == id).Name, At(claimedOn, 19, random.Next(60)), deadline,
                [.. teams.Single(team => team.Id == id).Members.Where(member => ServesOn(member, claimedOn)).Take(2)
                    .Select(member => new PlannedHelper(member.Id, member.Name, 60 + 10 * random.Next(7)))]),
            _ => new PlannedClaim(kind, id, units.Single(unit => unit.Id == id).Name, At(claimedOn, 19, random.Next(60)), deadline, []),
        };

        var plan = new List<PlannedWish>();
        var (recentClaimed, recentOpen) = (0, 0);
        foreach (var item in items.OrderBy(item => item.Id, StringComparer.Ordinal))
        {
            var home = HomeOf(item);
            var room = RoomOf(item);
            if (item.Status == "fulfilled" && item.ClaimedBy is { } claimerId && volunteers.ContainsKey(claimerId) && item.ClaimedAt is { } claimed && item.FulfilledAt is { } fulfilled)
            {
                // Moved by whole years into the year before the load day, keeping its pace.
                var years = today.Year - fulfilled.Year;
                while (fulfilled.AddYears(years) >= today) years--;
                var raisedOn = item.PublishedAt.AddYears(years);
                var claimedOn = claimed.AddYears(years);
                var fulfilledOn = fulfilled.AddYears(years);
                var claim = ServesOn(volunteers[claimerId], claimedOn) ? ClaimBy(ClaimerKinds.Volunteer, claimerId, claimedOn, fulfilledOn.AddDays(14)) : null;
                if (claim is null) continue;
                plan.Add(Wish(item.Id, item, raisedOn, home, room, claim, fulfilledOn));
            }
            else if (item.Status == "claimed" && item.ClaimedBy is { } holder && volunteers.ContainsKey(holder))
            {
                // Being worked on now: raised in the last three weeks, claimed within days, promised within a month.
                var raisedOn = today.AddDays(-20 + recentClaimed++ * 2);
                var claimedOn = raisedOn.AddDays(1 + random.Next(2));
                plan.Add(Wish(item.Id, item, raisedOn, home, room, ClaimBy(ClaimerKinds.Volunteer, holder, claimedOn, claimedOn.AddDays(30)), null));
            }
            else
            {
                // Still on the board: raised in the last ten days.
                plan.Add(Wish(item.Id, item, today.AddDays(-10 + 2 * (recentOpen++ % 5)), home, room, null, null));
            }
        }

        // The rest of three years' wishes, spread evenly, each like one of the seed's, fulfilled within about a week.
        var templates = items.Count > 0 ? items : [new SeedWishItem("w", CommunityId, "想要一套过冬的棉衣", "困难群众", 200, today, "open", null, null, null, null)];
        var first = today.AddYears(-3).AddDays(40);
        var span = today.AddDays(-400).DayNumber - first.DayNumber;
        for (var index = 0; index < GeneratedFulfilled; index++)
        {
            var template = random.Pick(templates);
            var raisedOn = first.AddDays(span * index / GeneratedFulfilled + random.Next(3));
            var claimedOn = raisedOn.AddDays(random.Next(3));
            var fulfilledOn = claimedOn.AddDays(1 + random.Next(6));
            var serving = volunteers.Values.Where(volunteer => ServesOn(volunteer, claimedOn)).OrderBy(volunteer => volunteer.Id, StringComparer.Ordinal).ToList();
            var roll = random.Next();
            var claim = roll < 0.7 && serving.Count > 0 ? ClaimBy(ClaimerKinds.Volunteer, random.Pick(serving).Id, claimedOn, fulfilledOn.AddDays(14))
                : roll < 0.9 && teams.Count > 0 && teams.Any(team => team.Members.Any(member => ServesOn(member, claimedOn)))
                    ? ClaimBy(ClaimerKinds.Team, random.Pick(teams.Where(team => team.Members.Any(member => ServesOn(member, claimedOn))).ToList()).Id, claimedOn, fulfilledOn.AddDays(14))
                : units.Count > 0 ? ClaimBy(ClaimerKinds.Unit, random.Pick(units).Id, claimedOn, fulfilledOn.AddDays(14))
                : null;
            if (claim is null) continue;
            plan.Add(Wish($"w-fmj-{raisedOn:yyyyMM}-{index + 1:D3}", template, raisedOn, random.Pick(buildings), RoomOf(template with { HouseholdId = null }), claim, fulfilledOn));
        }
        return [.. plan.OrderBy(wish => wish.RaisedAt)];
    }

    private sealed record SeedsFile(
        List<SeedWishVolunteer>? Volunteers, List<SeedWishTeam>? Teams, SeedWishes? MicroWishes, SeedWishCare? ThreeColorCare);

    private sealed record SeedWishes(List<SeedWishItem>? Items);

    private sealed record SeedWishCare(List<SeedWishHousehold>? Households);

    private sealed record SeedWishHousehold(string Id, string? BuildingId, string Room);

    private sealed record SeedWishTeam(string Id, string CommunityId, string Name);

    private sealed record SeedWishVolunteer(string Id, string Name, string CommunityId, List<string>? TeamIds, DateOnly JoinedAt);

    private sealed record SeedWishItem(
        string Id, string CommunityId, string Wish, string Beneficiary, int? EstimatedValueYuan, DateOnly PublishedAt, string Status, string? HouseholdId,
        string? ClaimedBy, DateOnly? ClaimedAt, DateOnly? FulfilledAt);
}
