using Platform.DemoLoader.Needs;
using Platform.DemoLoader.Resources;
using Platform.DemoLoader.Wishes;
using Platform.Volunteers.Api;
using Platform.Volunteers.Wishes;
using Platform.Kernel.Time;
using Platform.Volunteers.Activities;
using Platform.Volunteers.Hours;
using Platform.Volunteers.Households;
using Platform.Volunteers.Redemption;
using Platform.Volunteers.Registry;
using Platform.Volunteers.Teams;

namespace Platform.DemoLoader.Volunteers;

/// <summary>What the Volunteers demo adds up to, for the loader's log and the tests.</summary>
/// <param name="Photos">The fulfilled wishes' photos, kept before the histories that name them.</param>
public sealed record VolunteersDemoSet(
    string DistrictCode, IReadOnlyList<IReadOnlyList<DemoAppend>> Groups, IReadOnlyDictionary<string, string> ActorNames, int Volunteers, int Teams,
    int Activities, int Households, int Gifts, int Wishes, int UnitsReported, IReadOnlyList<DemoPhoto> Photos);

/// <summary>
/// A year of volunteer service for the demo district, ending on the load day: the seeds' volunteers report (双报到) and
/// are confirmed with a post, carrying over their paper ledgers' hours and points; the seeds' teams form from them; the
/// seeds' activities (兴华南里's environment drives and patrols, 富民街's 张思德 team, 永兴路's 腊八粥, 北街's 橙丝带)
/// and a generated monthly service day per community are held with sign-ups, check-in codes, check-ins and
/// check-outs (a few leave early, a few forget to check out) and credited; next Saturday's service day is open for
/// sign-up; 富民街's households are filed in three colours and visited, some now overdue; and 富民街 stocks its
/// year-end gifts. Everything is decided by the service's own deciders; the same load day always gives the same data.
/// </summary>
public static class VolunteersDemoData
{
    private const int Seed = 20261207;

    /// <param name="wishes">富民街's micro-wishes planned for the load day, shared with the Needs demo.</param>
    public static VolunteersDemoSet Generate(VolunteersDemoSources sources, DateTimeOffset loadMoment, IReadOnlyList<PlannedWish>? wishes = null)
    {
        var today = DistrictTime.DateOf(loadMoment);
        var random = new DemoRandom(Seed);
        var actors = new DemoActors(sources.Logins, sources.DistrictCode);
        var rules = ServiceRules.Default;
        var groups = new List<IReadOnlyList<DemoAppend>>();
        DateTimeOffset At(DateOnly date, int hour, int minute = 0) => DistrictTime.StartOf(date).AddHours(hour).AddMinutes(minute);
        DateTimeOffset NotAfterLoad(DateTimeOffset at) => at < loadMoment ? at : loadMoment.AddMinutes(-5);

        // Volunteers: registered when they joined (within the last three years), confirmed the day after with a post.
        var volunteers = new Dictionary<string, DemoStream<VolunteerCommand, VolunteerEvent, Volunteer>>();
        var confirmedOn = new Dictionary<string, DateOnly>();
        var roster = sources.Volunteers.Concat(GeneratedVolunteers(sources, today)).ToList();
        foreach (var seed in roster.Where(seed => sources.StreetOfCommunity.ContainsKey(seed.CommunityId)))
        {
            var stream = new DemoStream<VolunteerCommand, VolunteerEvent, Volunteer>(VolunteerDecider.Decider, seed.Id);
            var staff = actors.CommunityStaff(seed.CommunityId);
            var joined = seed.JoinedAt < today.AddYears(-3) ? today.AddYears(-3).AddDays(random.Next(30)) : seed.JoinedAt;
            var kind = seed.Kind switch { "在职党员" => VolunteerKinds.InServiceMember, "离退休党员" => VolunteerKinds.RetiredMember, _ => VolunteerKinds.Resident };
            var employer = kind == VolunteerKinds.InServiceMember
                ? seed.EmployerUnitId is { } unitId && sources.UnitNames.TryGetValue(unitId, out var unitName) ? new Employer(unitId, unitName) : new Employer(null, "区属企事业单位")
                : null;
            var login = sources.Logins.FirstOrDefault(candidate => candidate.VolunteerId == seed.Id);
            stream.Run(new RegisterVolunteer(seed.Id, kind, new Person(seed.Name, seed.Phone, null), sources.StreetOfCommunity[seed.CommunityId], seed.CommunityId,
                seed.BuildingId is { } building && sources.Buildings.Contains(building) ? building : null, employer, new Offering(seed.Skills ?? [], "周末"),
                login?.Username), login?.Username ?? staff, At(joined, 10));
            stream.Run(new ConfirmReport(PostOf(kind, seed.Skills), DutyOf(kind)), staff, At(joined.AddDays(1), 9));
            confirmedOn[seed.Id] = joined.AddDays(1);
            var carried = Math.Max(0, seed.ServiceHours - 12);
            if (carried > 0 || seed.Points?.Balance > 0)
                stream.Run(new CarryOverService(carried, Math.Max(0, (seed.Points?.Balance ?? 0) - 6), "社区纸质台账"), staff, At(joined.AddDays(1), 10));
            volunteers[seed.Id] = stream;
            groups.Add(stream.Appends);
        }

        // The units report to the community they are in (双报到), most of them confirmed with a duty; a few are still waiting.
        var unitsReported = 0;
        var reporting = new DemoRandom(Seed + 2);
        foreach (var unit in sources.Units.Where(unit => sources.StreetOfCommunity.ContainsKey(unit.CommunityIds[0])))
        {
            if (!reporting.Chance(0.85)) continue;
            var communityId = unit.CommunityIds[0];
            var offering = unit.Offers.Count > 0 ? string.Join("、", unit.Offers) : "志愿服务、场地支持";
            var stream = new DemoStream<UnitReportCommand, UnitReportEvent, UnitReport>(UnitReportDecider.Decider, unit.Id);
            var reportedOn = today.AddDays(-30 - reporting.Next(700));
            stream.Run(new ReportUnit(unit.Id, unit.Name, sources.StreetOfCommunity[communityId], communityId, $"{unit.Name}党支部", 3 + reporting.Next(40), offering),
                actors.Unit(unit.Id), At(reportedOn, 10));
            if (reporting.Chance(0.9))
                stream.Run(new ConfirmUnitReport($"认领社区服务岗位：{(unit.Offers.Count > 0 ? unit.Offers[0] : "志愿服务")}"), actors.CommunityStaff(communityId),
                    At(reportedOn.AddDays(1 + reporting.Next(5)), 15));
            groups.Add(stream.Appends);
            unitsReported++;
        }

        // Teams, formed a year ago (or when their first member joined) from the volunteers who name them.
        var teams = new Dictionary<string, Team>();
        foreach (var seed in sources.Teams.Where(seed => sources.StreetOfCommunity.ContainsKey(seed.CommunityId)))
        {
            var members = roster.Where(volunteer => volunteer.TeamIds?.Contains(seed.Id) == true && volunteers.ContainsKey(volunteer.Id))
                .Select(volunteer => new TeamMember(volunteer.Id, volunteer.Name)).ToList();
            var stream = new DemoStream<TeamCommand, TeamEvent, Team>(TeamDecider.Decider, seed.Id);
            var kind = seed.Kind switch { "文体队伍" => TeamKinds.Culture, "网格力量" => TeamKinds.Grid, _ => TeamKinds.Service };
            stream.Run(new FormTeam(seed.Id, seed.Name, kind, sources.StreetOfCommunity[seed.CommunityId], seed.CommunityId,
                    string.IsNullOrWhiteSpace(seed.Description) || seed.Description.Length < 4 ? null : seed.Description, members.FirstOrDefault()?.VolunteerId, members),
                actors.CommunityStaff(seed.CommunityId), At(today.AddDays(-365), 9));
            teams[seed.Id] = stream.State;
            groups.Add(stream.Appends);
        }

        // The seeds' activities, moved into the last year (兴华南里's were in 2018), and a service day a month per community.
        var activities = 0;
        foreach (var seed in sources.Activities.Where(seed => sources.StreetOfCommunity.ContainsKey(seed.CommunityId)))
        {
            var date = seed.Date;
            while (date < today.AddDays(-360)) date = date.AddYears(1);
            while (date >= today) date = date.AddYears(-1);
            // The seed names a few of those who came; the rest of the person-times (兴华南里's 723 in 9 activities) are
            // the community's other reported members.
            var participants = seed.ParticipantIds.Where(volunteers.ContainsKey).ToList();
            var others = roster.Where(volunteer => volunteer.CommunityId == seed.CommunityId && volunteer.Kind != "群众志愿者" && !participants.Contains(volunteer.Id)
                && confirmedOn.TryGetValue(volunteer.Id, out var confirmed) && confirmed < date).ToList();
            random.Shuffle(others);
            participants.AddRange(others.Take(Math.Max(0, seed.PersonTimes - participants.Count)).Select(volunteer => volunteer.Id));
            var teamId = seed.TeamId is { } id && teams.TryGetValue(id, out var team) && participants.All(team.HasMember) ? id : null;
            groups.Add(Held($"{seed.Id}-{date:yyyyMM}", seed.Title, seed.PointsRule, seed.CommunityId, teamId, date, participants, false));
            activities++;
        }
        var serviceKinds = new[] { "env-cleanup", "patrol", "elderly-visit", "policy-talk", "health-check", "tutoring" };
        foreach (var communityId in volunteers.Values.Select(stream => stream.State.CommunityId).Distinct().Order(StringComparer.Ordinal))
        {
            var own = volunteers.Values.Where(stream => stream.State.CommunityId == communityId).Select(stream => stream.Id).ToList();
            for (var month = 11; month >= 1; month--)
            {
                var date = LastSaturdayOf(today.AddMonths(-month));
                var kind = serviceKinds[(month + own.Count) % serviceKinds.Length];
                // About 60 % of a small community's volunteers come, and no more than about 30 in a large one.
                var attending = own.Where(volunteerId => random.Chance(Math.Min(0.6, 30.0 / own.Count)) && confirmedOn[volunteerId] < date).ToList();
                if (attending.Count == 0) continue;
                groups.Add(Held($"AV-{communityId}-{date:yyyyMM}", $"社区志愿服务日：{Platform.Volunteers.Activities.ServiceKinds.Names[kind]}", kind, communityId, null, date,
                    attending, random.Chance(0.3)));
                activities++;
            }
            // Next Saturday's, open for sign-up: a few have signed up already.
            var next = today.AddDays(((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7);
            var upcoming = new DemoStream<ActivityCommand, ActivityEvent, Activity>(ActivityDecider.Decider, $"AV-{communityId}-next");
            var staff = actors.CommunityStaff(communityId);
            upcoming.Run(new ScheduleActivity(upcoming.Id, "周末志愿服务：楼道清理与为老服务", "env-cleanup", sources.StreetOfCommunity[communityId], communityId, null,
                new ActivityPlace($"{sources.PlaceNames.GetValueOrDefault(communityId, communityId)}党群服务中心门前", null, null), At(next, 9), At(next, 11),
                Math.Clamp(own.Count / 3, 2, 30), ["楼道清理", "为老服务"], "请穿志愿者马甲，带手套。"), staff, NotAfterLoad(At(today.AddDays(-3), 10)));
            foreach (var volunteerId in own.Where(volunteerId => sources.Logins.All(login => login.VolunteerId != volunteerId)).Take(Math.Clamp(own.Count / 3, 2, 30) + 1))
                upcoming.Run(new SignUp(volunteerId, volunteers[volunteerId].State.Name, [], random.Chance(0.5) ? "楼道清理" : "为老服务"), staff,
                    NotAfterLoad(At(today.AddDays(-1), 15)));
            groups.Add(upcoming.Appends);
            activities++;
        }

        // 富民街's households (seed 003's 三色管理), filed two months before their last visit and visited at their colour's pace.
        var care = CareRules.Default;
        var households = 0;
        foreach (var seed in sources.Households.Where(seed => seed.LinkedPartyMemberId is not null && volunteers.ContainsKey(seed.LinkedPartyMemberId)))
        {
            var member = volunteers[seed.LinkedPartyMemberId!].State;
            var colour = seed.Color switch { "red" => CareColours.Red, "yellow" => CareColours.Yellow, _ => CareColours.Green };
            var lastVisit = seed.LastVisitAt is { } last && last < today ? last : today.AddDays(-3);
            var filedOn = lastVisit.AddDays(-2 * care.EveryDays(colour) - 5);
            var stream = new DemoStream<HouseholdCommand, HouseholdEvent, Household>(HouseholdDecider.Decider, seed.Id);
            var staff = actors.CommunityStaff(seed.CommunityId);
            stream.Run(new FileHousehold(seed.Id, sources.StreetOfCommunity[seed.CommunityId], seed.CommunityId, null,
                seed.BuildingId is { } building && sources.Buildings.Contains(building) ? building : null, seed.Room, null,
                [.. seed.Groups.Where(CareGroups.All.Contains).DefaultIfEmpty("一般住户")], colour, $"建档：{string.Join("、", seed.Groups)}",
                new CareMember(member.VolunteerId, member.Name)), staff, At(filedOn, 10));
            for (var visit = filedOn.AddDays(care.EveryDays(colour)); visit < lastVisit; visit = visit.AddDays(care.EveryDays(colour)))
                stream.Run(new RecordVisit(visit, new CareMember(member.VolunteerId, member.Name), VisitNote(colour)), staff, At(visit, 17));
            stream.Run(new RecordVisit(lastVisit, new CareMember(member.VolunteerId, member.Name), VisitNote(colour)), staff, At(lastVisit, 17));
            groups.Add(stream.Appends);
            households++;
        }

        // 富民街's year-end gifts (seed 003's redemption tiers).
        var gifts = 0;
        foreach (var (name, kind, points, quantity) in new[]
        {
            ("生活用品一份", GiftKinds.Gift, 30m, 20), ("生活用品礼包", GiftKinds.Gift, 60m, 10), ("荣誉证书与礼品", GiftKinds.Honour, 100m, 5),
        })
        {
            if (!sources.StreetOfCommunity.ContainsKey("fuminjie")) break;
            var gift = new DemoStream<GiftCommand, GiftEvent, Gift>(GiftDecider.Decider, $"G-fuminjie-{++gifts}");
            gift.Run(new StockGift(gift.Id, name, kind, points, quantity, sources.StreetOfCommunity["fuminjie"], "fuminjie"), actors.CommunityStaff("fuminjie"),
                At(today.AddDays(-10), 10));
            groups.Add(gift.Appends);
        }

        // 富民街's micro-wishes as the board lived them: posted when Needs published them, claimed, and fulfilled with a
        // photo, the helpers' time credited.
        var photos = new List<DemoPhoto>();
        foreach (var planned in wishes ?? [])
        {
            var stream = new DemoStream<WishCommand, WishEvent, Wish>(WishDecider.Decider, planned.NeedId);
            stream.Run(new PostWish(planned.NeedId, planned.Title, planned.Description, planned.StreetId, planned.CommunityId, planned.GridId), NeedsService,
                planned.PostedAt);
            if (planned.Claim is { } claim)
            {
                var claimer = new WishClaimer(claim.Kind, claim.Id, claim.Name);
                var actor = claim.Kind == ClaimerKinds.Unit ? actors.Unit(claim.Id)
                    : claim.Kind == ClaimerKinds.Volunteer && sources.Logins.FirstOrDefault(login => login.VolunteerId == claim.Id) is { } login ? login.Username
                    : actors.CommunityStaff(planned.CommunityId);
                stream.Run(new ClaimWish(claimer, claim.Deadline), actor, claim.ClaimedAt);
                if (planned.FulfilledAt is { } fulfilledAt)
                {
                    var photo = DemoPhotos.For(WishEndpoints.PhotoOwnerKind, planned.NeedId, $"wish/{planned.NeedId}", $"{planned.Title}-心愿实现.png");
                    photos.Add(photo);
                    stream.Run(new FulfilWish(claimer, planned.Note, new WishPhoto(photo.Id.ToString(), photo.FileName, photo.ContentType, photo.Bytes.Length, photo.Sha256),
                        [.. claim.Helpers.Select(helper => new WishHelper(helper.VolunteerId, helper.Name, helper.Minutes))], rules), actor, fulfilledAt);
                }
            }
            groups.Add(stream.Appends);
        }

        var actorNames = groups.SelectMany(group => group).Select(append => append.Actor).Distinct()
            .Select(actor => (actor, name: actors.NameOf(actor, id => sources.PlaceNames.GetValueOrDefault(id, id))))
            .Where(pair => pair.name is not null).ToDictionary(pair => pair.actor, pair => pair.name!);
        return new VolunteersDemoSet(
            sources.DistrictCode, groups, actorNames, volunteers.Count, teams.Count, activities, households, gifts, wishes?.Count ?? 0, unitsReported, photos);

        // One activity from sign-up to credit, 9:00 to 11:00 on its date: everyone signs up three days before and checks
        // in with the code; most stay to the end, one may leave early (and earn nothing), one may forget to check out
        // (closed by the timer the next day, flagged), and the organizer credits them all that afternoon or the day after.
        IReadOnlyList<DemoAppend> Held(
            string id, string title, string? serviceKind, string communityId, string? teamId, DateOnly date, IReadOnlyList<string> participants, bool someoneForgets)
        {
            var stream = new DemoStream<ActivityCommand, ActivityEvent, Activity>(ActivityDecider.Decider, id);
            var staff = actors.CommunityStaff(communityId);
            var (starts, ends) = (At(date, 9), At(date, 11));
            stream.Run(new ScheduleActivity(id, title, serviceKind, sources.StreetOfCommunity[communityId], communityId, teamId,
                new ActivityPlace($"{sources.PlaceNames.GetValueOrDefault(communityId, communityId)}辖区", null, null), starts, ends, participants.Count + 5, [], null),
                staff, starts.AddDays(-7));
            foreach (var volunteerId in participants)
                stream.Run(new SignUp(volunteerId, volunteers[volunteerId].State.Name, teamId is null ? [] : [teamId], null), staff, starts.AddDays(-3));
            const string code = "246810";
            stream.Run(new IssueCheckInCode(code), staff, starts.AddMinutes(-15));
            for (var index = 0; index < participants.Count; index++)
                stream.Run(new CheckIn(participants[index], code), participants[index], starts.AddMinutes(-10 + index % 15));
            var forgetter = someoneForgets && participants.Count > 1 ? participants[^1] : null;
            for (var index = 0; index < participants.Count; index++)
            {
                if (participants[index] == forgetter) continue;
                var leavesEarly = index == 1 && participants.Count > 3;
                stream.Run(new CheckOut(participants[index], code), participants[index], leavesEarly ? starts.AddMinutes(50) : ends.AddMinutes(index % 20));
            }
            if (forgetter is not null) stream.Run(new CloseMissingCheckOuts(rules), DemoActors.Timer, ends.Add(rules.CheckOutGrace).AddMinutes(1));
            var creditAt = forgetter is null ? ends.AddHours(3) : ends.Add(rules.CheckOutGrace).AddHours(2);
            if (creditAt < loadMoment) stream.Run(new CreditService(rules), staff, creditAt);
            return stream.Appends;
        }
    }

    private static readonly string[] Skills = ["环境整治", "治安巡逻", "政策宣讲", "助老服务", "文艺演出", "理发", "家电维修", "法律咨询", "义诊", "辅导功课"];

    /// <summary>
    /// The reported party members a community counts beyond the seed's named ones (兴华南里's 605, the 小巷管家's
    /// 1:5:10 of retired to in-service members), and for each community the seeds say nothing of, a dozen or two
    /// members and residents serving there. In-service members work for one of the district's units.
    /// </summary>
    private static IEnumerable<SeedVolunteer> GeneratedVolunteers(VolunteersDemoSources sources, DateOnly today)
    {
        var random = new DemoRandom(Seed + 1);
        var seeded = sources.Volunteers.GroupBy(volunteer => volunteer.CommunityId).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var communityId in sources.StreetOfCommunity.Keys.Order(StringComparer.Ordinal))
        {
            var own = seeded.GetValueOrDefault(communityId) ?? [];
            var members = sources.ReportedPartyMembers.TryGetValue(communityId, out var reported) ? Math.Max(0, reported - own.Count(volunteer => volunteer.Kind != "群众志愿者")) : 0;
            var residents = 0;
            if (own.Count == 0) (members, residents) = (8 + random.Next(9), 3 + random.Next(6));
            for (var index = 0; index < members + residents; index++)
            {
                var kind = index >= members ? "群众志愿者" : index % 3 == 0 ? "离退休党员" : "在职党员";
                var employer = kind == "在职党员" && sources.Units.Count > 0 ? random.Pick(sources.Units).Id : null;
                yield return new SeedVolunteer(
                    $"v-{communityId}-{index + 1:D3}", random.Pick(DemoTexts.Surnames) + random.Pick(DemoTexts.GivenNames),
                    (13900000000L + random.Next(100_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture), communityId, null, kind, employer, null,
                    [random.Pick(Skills)], today.AddDays(-30 - random.Next(1000)), 0, null);
            }
        }
    }

    /// <summary>Who the Volunteers service records as the actor of a message from the Needs service.</summary>
    private const string NeedsService = "service:needs";

    private static DateOnly LastSaturdayOf(DateOnly day)
    {
        var last = new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Saturday + 7) % 7));
    }

    private static string PostOf(string kind, IReadOnlyList<string>? skills) => skills is { Count: > 0 }
        ? $"{skills[0]}服务岗"
        : kind == VolunteerKinds.RetiredMember ? "楼门长" : "志愿服务岗";

    private static string? DutyOf(string kind) => kind switch
    {
        VolunteerKinds.InServiceMember => "每季度至少参加两次社区服务，服务情况反馈所在单位。",
        VolunteerKinds.RetiredMember => "联系楼门住户，参加环境整治与为老服务。",
        _ => null,
    };

    private static string VisitNote(string colour) => colour switch
    {
        CareColours.Red => "上门看望，询问饮食起居，帮忙打扫卫生。",
        CareColours.Yellow => "门前问候，了解近况，提醒按时服药。",
        _ => "“百家熟”走访，宣传社区活动。",
    };
}
