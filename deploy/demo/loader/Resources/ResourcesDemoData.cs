using Platform.DemoLoader.Needs;
using Platform.Kernel.Time;
using Platform.Resources.Agreements;
using Platform.Resources.Contributions;
using Platform.Resources.Offers;
using Platform.Resources.Units;

namespace Platform.DemoLoader.Resources;

/// <summary>What the Resources demo adds up to, for the loader's log and the tests.</summary>
public sealed record ResourcesDemoSet(
    string DistrictCode, IReadOnlyList<IReadOnlyList<DemoAppend>> Groups, IReadOnlyDictionary<string, string> ActorNames, int Units, int Agreements,
    int Offers, int Bookings, int Contributions);

/// <summary>
/// A year of the 资源清单 for the demo district, ending on the load day: every co-building unit of the org tree joins
/// the communities it serves and signs an agreement with its first one; the seeds' offers (老东粥皇's 腊八粥, at most
/// 450 bowls a year; the member units' shared 党建阵地; 义诊, 法律咨询 …) and generated ones are published and booked;
/// and each agreement's commitments are delivered, reported and confirmed, some behind their pace, a few declined or
/// corrected. Everything is decided by the service's own deciders; the same load day always gives the same data.
/// </summary>
public static class ResourcesDemoData
{
    private const int Seed = 20261207;

    public static ResourcesDemoSet Generate(ResourcesDemoSources sources, DateTimeOffset loadMoment)
    {
        var today = DistrictTime.DateOf(loadMoment);
        var random = new DemoRandom(Seed);
        var actors = new DemoActors(sources.Logins, sources.DistrictCode);
        var groups = new List<IReadOnlyList<DemoAppend>>();
        var (agreements, offers, bookings, contributions) = (0, 0, 0, 0);
        var units = new Dictionary<string, DemoStream<UnitCommand, UnitEvent, CoBuildingUnit>>();

        DateTimeOffset At(DateOnly date, int hour) => DistrictTime.StartOf(date).AddHours(hour);
        DateTimeOffset NotAfterLoad(DateTimeOffset at) => at < loadMoment ? at : loadMoment.AddMinutes(-5);

        // Every unit of the tree joins, a year ago or when it began co-building, whichever is later.
        foreach (var (tree, index) in sources.Units.Where(unit => unit.CommunityIds is { Count: > 0 }).Select((unit, index) => (unit, index)))
        {
            var served = tree.CommunityIds!.Where(sources.StreetOfCommunity.ContainsKey)
                .Select(communityId => new ServedCommunity(communityId, sources.StreetOfCommunity[communityId])).ToList();
            if (served.Count == 0) continue;
            var unit = new DemoStream<UnitCommand, UnitEvent, CoBuildingUnit>(UnitDecider.Decider, tree.Id);
            var joinedOn = today.AddDays(-365 + index % 20);
            unit.Run(new JoinUnit(tree.Id, tree.Name, KindOf(tree, served[0].CommunityId), LiaisonOf(tree.Contact), served),
                actors.CommunityStaff(served[0].CommunityId), At(joinedOn, 9));
            units[tree.Id] = unit;
            groups.Add(unit.Appends);
        }

        foreach (var (unitId, unit) in units)
        {
            var state = unit.State;
            var party = state.Communities[0];
            var partyActor = actors.CommunityStaff(party.CommunityId);
            var unitActor = actors.Unit(unitId);
            var index = agreements;

            // An agreement for a year; every twelfth one ends within the month, so its warning is due when the demo starts.
            var startsOn = index % 12 == 5 ? today.AddDays(-345) : today.AddDays(-330 + index % 300);
            var endsOn = startsOn.AddYears(1).AddDays(-1);
            var agreement = new DemoStream<AgreementCommand, AgreementEvent, Agreement>(AgreementDecider.Decider, $"A-demo-{unitId}");
            var commitments = CommitmentsOf(unitId, state.Kind, party.CommunityId);
            agreement.Run(new SignAgreement(agreement.Id, unitId, state.Name, new AgreementParty(party.StreetId, party.CommunityId),
                $"{sources.PlaceNames.GetValueOrDefault(party.CommunityId, party.CommunityId)}与{state.Name}共建协议", startsOn, endsOn, commitments),
                partyActor, At(startsOn.AddDays(-7), 10));
            foreach (var quarter in Quarters(startsOn, today).Where(_ => random.Chance(0.7)))
                agreement.Run(new ReportQuarter(quarter.Name, $"{quarter.Name} 按协议开展共建，详见贡献台账。"), unitActor, At(quarter.ReportedOn, 15));
            groups.Add(agreement.Appends);
            agreements++;

            // Deliveries: every six weeks, at a pace of its own (some units fall behind), reported by the unit and confirmed
            // by the community a few days later; the last ones still wait for confirmation.
            var effort = unitId == "u-laodong" ? 1.0 : random.Uniform(0.45, 1.25);
            foreach (var commitment in commitments)
            {
                var perDelivery = DeliveryOf(commitment, effort);
                for (var occurredOn = startsOn.AddDays(10 + random.Next(20)); occurredOn < today.AddDays(-1); occurredOn = occurredOn.AddDays(42))
                {
                    if (occurredOn < today.AddDays(-ContributionDecider.LatestReportDays + 5)) continue;
                    var contribution = new DemoStream<ContributionCommand, ContributionEvent, Contribution>(
                        ContributionDecider.Decider, $"G-demo-{unitId}-{commitment.Measure}-{occurredOn:yyyyMMdd}");
                    var reportedAt = NotAfterLoad(At(occurredOn.AddDays(1 + random.Next(3)), 16));
                    contribution.Run(new ReportContribution(contribution.Id, unitId, state.Name, new ContributionParty(party.StreetId, party.CommunityId),
                        new AgreementTerms(agreement.Id, startsOn, endsOn, commitments), commitment.What, commitment.What, commitment.Measure,
                        perDelivery, occurredOn), unitActor, reportedAt);
                    var decidedAt = reportedAt.AddDays(1 + random.Next(4));
                    if (decidedAt < loadMoment)
                    {
                        if (random.Chance(0.06)) contribution.Run(new DeclineContribution("社区核实未收到，请补充说明后重新登记"), partyActor, decidedAt);
                        else
                        {
                            contribution.Run(new ConfirmContribution(), partyActor, decidedAt);
                            var correctedAt = decidedAt.AddDays(3);
                            if (random.Chance(0.04) && correctedAt < loadMoment && perDelivery > 1)
                                contribution.Run(new CorrectContribution(perDelivery - Math.Max(1, Math.Floor(perDelivery * 0.2m)), "核对签收单后更正数量"),
                                    partyActor, correctedAt);
                        }
                    }
                    groups.Add(contribution.Appends);
                    contributions++;
                }
            }
        }

        foreach (var plan in OfferPlans(sources, units, today))
        {
            var unit = units[plan.UnitId].State;
            var offer = new DemoStream<OfferCommand, OfferEvent, Offer>(OfferDecider.Decider, plan.OfferId);
            var from = plan.Capacity.IsTimed ? today.AddDays(-330) : plan.From ?? today.AddDays(-330);
            var until = plan.Capacity.IsTimed ? today.AddDays(180) : plan.Until ?? today.AddDays(180);
            var blackouts = plan.Capacity.IsTimed ? new List<DateOnly> { today.AddDays(24), today.AddDays(52) } : [];
            offer.Run(new PublishOffer(plan.OfferId, plan.UnitId, unit.Name, plan.Title, plan.Description, plan.Kind, plan.Category, plan.Item, plan.Capacity,
                new Availability(from, until, plan.Windows, blackouts), unit.Communities), actors.Unit(plan.UnitId), At(from.AddDays(-3), 11));
            offers++;
            foreach (var (date, window, community, quantity) in plan.Bookings(from, until, today, unit.Communities, random))
            {
                var bookedAt = NotAfterLoad(At(date.AddDays(-7), 10));
                var party = new BookingParty(community.StreetId, community.CommunityId, null);
                var booking = new BookOffer($"B-demo-{plan.OfferId}-{date:yyyyMMdd}-{window?.From:HHmm}-{community.CommunityId}", party, date, window?.From,
                    window?.To, quantity, plan.Purpose);
                if (OfferCalendar.IsOpen(offer.State.Availability, date, window?.From, window?.To)
                    && OfferCalendar.Free(offer.State, date, window?.From, window?.To) >= quantity)
                {
                    offer.Run(booking, actors.CommunityStaff(community.CommunityId), bookedAt);
                    bookings++;
                }
            }
            groups.Add(offer.Appends);
        }

        var actorNames = groups.SelectMany(group => group).Select(append => append.Actor).Distinct()
            .Select(actor => (actor, name: actors.NameOf(actor, id => sources.PlaceNames.GetValueOrDefault(id, id))))
            .Where(pair => pair.name is not null).ToDictionary(pair => pair.actor, pair => pair.name!);
        return new ResourcesDemoSet(sources.DistrictCode, groups, actorNames, units.Count, agreements, offers, bookings, contributions);
    }

    /// <summary>The part a tree unit takes, from its relation and type: seed 001's 3 member units and 28 signed outside
    /// units; seed 003's 党建联盟 of 28 units in the area, 7 non-public organizations and 3 volunteer groups; 北街's
    /// enterprises as the merchants signed with the 馨愿 supermarket.</summary>
    private static string KindOf(DemoTreeUnit unit, string communityId) => unit switch
    {
        { CouncilMember: true } => UnitKinds.Member,
        { Type: "志愿服务团体" } => UnitKinds.VolunteerGroup,
        { Type: "企业" } when communityId == "beijie" => UnitKinds.Merchant,
        { Relation: "辖区外签约共建单位" } => UnitKinds.Signed,
        { Type: "社会组织" } => UnitKinds.SocialOrganization,
        _ => UnitKinds.InArea,
    };

    private static Liaison? LiaisonOf(DemoContact? contact) => contact is null ? null : new Liaison(contact.Name, contact.Phone, contact.Title);

    /// <summary>What each unit promises. 永兴路's member units share its 300万 of 大党委 funds (100万 each over the term)
    /// and its 27 other signed units its 30万 of social funds (about 11,000 a year each): seed 001's figures.</summary>
    private static IReadOnlyList<Commitment> CommitmentsOf(string unitId, string kind, string communityId) => unitId == "u-laodong"
        ? [new("腊八粥", "servings", 450, "year"), new("为老志愿服务", "hours", 40, "year")]
        : (kind, communityId) switch
        {
            (UnitKinds.Member, "yongxinglu") =>
                [new("主题党日与党员培训", "activities", 6, "year"), new("党群活动场地", "half-days", 2, "month"), new("大党委共建资金", "yuan", 1_000_000, "term")],
            (UnitKinds.Signed, "yongxinglu") => [new("社会共建资金", "yuan", 11_000, "year"), new("志愿服务时长", "hours", 100, "year")],
            (UnitKinds.Member, _) => [new("主题党日与党员培训", "activities", 6, "year"), new("党群活动场地", "half-days", 2, "month")],
            (UnitKinds.VolunteerGroup, _) => [new("志愿服务活动", "activities", 12, "year"), new("志愿服务时长", "hours", 300, "year")],
            (UnitKinds.Merchant, _) => [new("困难群体折扣与物资", "items", 120, "year")],
            (UnitKinds.Signed, _) => [new("共建资金", "yuan", 20_000, "year"), new("志愿服务时长", "hours", 100, "year")],
            (UnitKinds.SocialOrganization, _) => [new("志愿服务时长", "hours", 60, "year"), new("社区公益活动", "activities", 4, "year")],
            _ => [new("社区志愿服务活动", "activities", 4, "year"), new("开放场地", "half-days", 1, "month")],
        };

    /// <summary>What one delivery every six weeks brings, for a unit that keeps <paramref name="effort"/> of its pace.</summary>
    private static decimal DeliveryOf(Commitment commitment, double effort)
    {
        // A term's amount over the demo's one-year terms is a year's.
        var perYear = commitment.Per switch { "month" => commitment.Amount * 12, "quarter" => commitment.Amount * 4, _ => commitment.Amount };
        var each = perYear * 42 / 365 * (decimal)effort;
        return commitment.Measure is "yuan" or "hours" ? Math.Max(1, Math.Round(each)) : Math.Max(1, Math.Round(each, MidpointRounding.AwayFromZero));
    }

    private static IEnumerable<(string Name, DateOnly ReportedOn)> Quarters(DateOnly startsOn, DateOnly today)
    {
        for (var end = new DateOnly(startsOn.Year, (startsOn.Month - 1) / 3 * 3 + 1, 1).AddMonths(3).AddDays(-1); end < today.AddDays(-10); end = end.AddDays(1).AddMonths(3).AddDays(-1))
            yield return ($"{end.Year}-Q{(end.Month - 1) / 3 + 1}", end.AddDays(7) < today ? end.AddDays(7) : today.AddDays(-1));
    }

    private static IEnumerable<OfferPlan> OfferPlans(
        ResourcesDemoSources sources, IReadOnlyDictionary<string, DemoStream<UnitCommand, UnitEvent, CoBuildingUnit>> units, DateOnly today)
    {
        var saturdayMorning = new WeeklyWindow(DayOfWeek.Saturday, new(9, 0), new(12, 0));
        var saturdayAfternoon = new WeeklyWindow(DayOfWeek.Saturday, new(14, 0), new(17, 0));
        var wednesdayEvening = new WeeklyWindow(DayOfWeek.Wednesday, new(19, 0), new(21, 0));
        var room = new OfferCapacity(1, "bookings", OfferCapacity.AtATime);
        foreach (var seed in sources.Offers.Where(seed => seed.OfferedBy.Kind == "unit" && units.ContainsKey(seed.OfferedBy.Id)))
        {
            var plan = seed.Id switch
            {
                // This season's 腊八节, about six weeks after the load day: 永兴路 has booked 420 of the 450 bowls.
                "r-laodong-labazhou" => new OfferPlan(seed.OfferedBy.Id, "materials", "elderly", "腊八粥", new(seed.MaxBowlsOneYear ?? 450, "servings", OfferCapacity.InTotal), [],
                    "腊八节为 60 岁以上老人过集体生日、送腊八粥", Total: true) { From = today.AddDays(-20), Until = today.AddDays(60) },
                "r-yxl-pu1" or "r-yxl-pu2" or "r-yxl-pu3" => new OfferPlan(seed.OfferedBy.Id, "venue", "party", "党建阵地共享", room,
                    [saturdayMorning, saturdayAfternoon, wednesdayEvening], "主题党日与党员培训"),
                "r-yxl-yizhen" => new OfferPlan(seed.OfferedBy.Id, "services", "health", "义诊", new(40, "people", OfferCapacity.AtATime), [saturdayMorning],
                    "义诊与健康讲座"),
                "r-yxl-xinli" => new OfferPlan(seed.OfferedBy.Id, "skills", "children", "心理辅导", new(6, "people", OfferCapacity.AtATime),
                    [new(DayOfWeek.Friday, new(16, 0), new(18, 0))], "未成年人心理疏导值班"),
                "r-fmj-court" or "r-fmj-procuratorate" or "r-fmj-lawyer" => new OfferPlan(seed.OfferedBy.Id, "skills", "legal", "普法讲座",
                    new(1, "bookings", OfferCapacity.AtATime), [new(DayOfWeek.Thursday, new(14, 30), new(16, 30))], "社区干部微讲坛"),
                "r-yaxl-heating" => new OfferPlan(seed.OfferedBy.Id, "services", "environment", "楼道清理", new(1, "bookings", OfferCapacity.AtATime),
                    [new(DayOfWeek.Tuesday, new(9, 0), new(11, 0)), new(DayOfWeek.Thursday, new(9, 0), new(11, 0))], "废弃物清运"),
                "r-xhnl-plants" => new OfferPlan(seed.OfferedBy.Id, "materials", "environment", "绿地认养", new(300, "items", OfferCapacity.InTotal), [],
                    "为居民发放绿植", Total: true),
                "r-xhnl-huayu-gate" => new OfferPlan(seed.OfferedBy.Id, "services", "governance", "物业协调", new(2, "people", OfferCapacity.AtATime),
                    [new(DayOfWeek.Monday, new(7, 0), new(9, 0)), new(DayOfWeek.Friday, new(17, 0), new(19, 0))], "门岗与车辆疏导"),
                "r-bj-ent-discount" => new OfferPlan(seed.OfferedBy.Id, "materials", "assistance", "物资捐赠", new(200, "items", OfferCapacity.InTotal), [],
                    "会员日困难群体生活用品折扣", Total: true),
                _ => new OfferPlan(seed.OfferedBy.Id, "services", "volunteer", null, new(10, "people", OfferCapacity.AtATime), [saturdayMorning], seed.Title),
            };
            yield return plan with { OfferId = $"R-demo-{seed.Id}", Title = seed.Title, Description = seed.Description ?? "" };
        }
        // Generated: every fourth other unit offers what units of its type usually give.
        foreach (var (unitId, unit) in units.Where(pair => pair.Key.StartsWith("u-", StringComparison.Ordinal)).Where((_, index) => index % 4 == 1))
        {
            var name = unit.State.Name;
            var plan = sources.Units.First(tree => tree.Id == unitId).Type switch
            {
                "医院" => new OfferPlan(unitId, "services", "health", "义诊", new(30, "people", OfferCapacity.AtATime), [saturdayMorning], "社区义诊"),
                "学校" => new OfferPlan(unitId, "venue", "venue", "运动场地", room, [saturdayAfternoon, new(DayOfWeek.Sunday, new(14, 0), new(17, 0))], "社区运动会"),
                "机关" or "事业单位" => new OfferPlan(unitId, "venue", "venue", "会议室", room, [wednesdayEvening, saturdayMorning], "居民议事会"),
                "物业" => new OfferPlan(unitId, "services", "repair", "水电维修", new(2, "people", OfferCapacity.AtATime), [saturdayMorning], "便民维修"),
                "国企" => new OfferPlan(unitId, "funds", "funds", "项目资助", new(50_000, "yuan", OfferCapacity.InTotal), [], "社区服务项目资助", Total: true),
                _ => new OfferPlan(unitId, "services", "volunteer", "志愿者招募", new(8, "people", OfferCapacity.AtATime), [saturdayMorning], "志愿服务活动"),
            };
            var title = plan.Item is { } item ? $"{name}{item}" : name;
            yield return plan with { OfferId = $"R-demo-{unitId}", Title = title.Length > 100 ? title[..100] : title, Description = $"{name}面向所服务社区开放。" };
        }
    }

    /// <param name="Total">Counted over its availability (腊八粥, a fund), booked by quantity on a date.</param>
    private sealed record OfferPlan(
        string UnitId, string Kind, string Category, string? Item, OfferCapacity Capacity, IReadOnlyList<WeeklyWindow> Windows, string Purpose, bool Total = false)
    {
        public string OfferId { get; init; } = "";
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public DateOnly? From { get; init; }
        public DateOnly? Until { get; init; }

        /// <summary>Bookings over the year and the weeks ahead: timed offers on about a third of their openings, by the
        /// communities they serve; in-total offers in a few large takes (the 腊八粥 in one, around 腊八节).</summary>
        public IEnumerable<(DateOnly Date, WeeklyWindow? Window, ServedCommunity Community, decimal Quantity)> Bookings(
            DateOnly from, DateOnly until, DateOnly today, IReadOnlyList<ServedCommunity> reach, DemoRandom random)
        {
            if (Item == "腊八粥")
            {
                yield return (today.AddDays(39), null, reach[0], Capacity.Amount - 30);
                yield break;
            }
            if (Total)
            {
                for (var take = 0; take < 3; take++)
                {
                    var date = today.AddDays(-200 + take * 90 + random.Next(30));
                    if (date >= from && date <= until) yield return (date, null, random.Pick(reach), Math.Floor(Capacity.Amount * 0.25m));
                }
                yield break;
            }
            for (var date = from.AddDays(7); date <= today.AddDays(45) && date <= until; date = date.AddDays(1))
            {
                foreach (var window in Windows.Where(window => window.Day == date.DayOfWeek).Where(_ => random.Chance(0.33)))
                    yield return (date, window, random.Pick(reach), Capacity.Measure == "bookings" ? 1 : Math.Max(1, Math.Floor(Capacity.Amount * 0.5m)));
            }
        }
    }
}
