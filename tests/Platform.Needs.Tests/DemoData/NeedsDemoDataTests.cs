using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.EventSourcing;
using Platform.DemoLoader.Needs;
using static Platform.Needs.Tests.DemoData.DemoDataFixture;

namespace Platform.Needs.Tests.DemoData;

public sealed partial class NeedsDemoDataTests
{
    private static readonly string[] SeedIds =
    [
        "c-xhnl-001", "c-xhnl-002", "c-yxl-001", "c-yxl-002", "c-fmj-001", "c-fmj-002", "c-fmj-003", "c-fmj-004",
        "c-yaxl-001", "c-yaxl-002", "c-yaxl-003", "c-yaxl-004", "c-bj-001",
    ];

    private static IEnumerable<DemoCase> Generated => AtAnchor.Cases.Where(demoCase => !demoCase.IsSeed);

    private static JsonObject Parameters => Sources.Cases.GeneratedCases!;

    [Fact]
    public void Two_runs_give_the_same_histories()
    {
        var again = NeedsDemoData.Generate(DemoSources.Load(Folder), Support.Decisions.Catalogue, DemoTimeShift.For(Anchor, Anchor));

        Assert.Equal(AtAnchor.Cases.SelectMany(demoCase => demoCase.Appends).Select(Describe), again.Cases.SelectMany(demoCase => demoCase.Appends).Select(Describe));
    }

    [Fact]
    public void Every_person_in_the_demo_histories_has_a_name_people_read_and_only_the_timers_name_themselves()
    {
        var actors = AtAnchor.Cases.SelectMany(demoCase => demoCase.Appends).Select(append => append.Actor).Distinct().ToList();

        Assert.All(actors.Where(actor => actor != DemoActors.Timer), actor =>
        {
            Assert.True(AtAnchor.ActorNames.TryGetValue(actor, out var name), $"{actor} has no name");
            Assert.DoesNotMatch("[a-z]", name);
        });
        Assert.DoesNotContain(DemoActors.Timer, AtAnchor.ActorNames.Keys);
        Assert.Contains("龙凤英（兴华南里社区）", AtAnchor.ActorNames.Values);
    }

    [Fact]
    public void A_later_load_moves_every_time_by_whole_days_and_keeps_the_ids()
    {
        var later = Generate(new DateTimeOffset(2027, 2, 3, 15, 30, 0, TimeSpan.FromHours(8)));

        Assert.Equal(94, later.Shift.Days);
        Assert.Equal(new DateTimeOffset(2027, 2, 3, 0, 0, 0, TimeSpan.FromHours(8)), later.Shift.NotAfter);
        Assert.Equal(AtAnchor.Cases.Select(demoCase => (demoCase.NeedId, demoCase.CaseId)), later.Cases.Select(demoCase => (demoCase.NeedId, demoCase.CaseId)));
        var before = AtAnchor.Cases.SelectMany(demoCase => demoCase.Appends).ToList();
        var after = later.Cases.SelectMany(demoCase => demoCase.Appends).ToList();
        Assert.Equal(before.Select(append => (append.StreamId, append.Actor, append.At.AddDays(94))), after.Select(append => (append.StreamId, append.Actor, append.At)));
    }

    [Fact]
    public void The_shift_is_whole_days_since_the_anchor_and_never_negative()
    {
        var evening = DemoTimeShift.For(Anchor, new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal((21, Anchor.AddDays(21)), (evening.Days, evening.NotAfter));

        // 16:30 UTC is already the next day in the district.
        var lateUtc = DemoTimeShift.For(Anchor, new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(22, lateUtc.Days);

        var early = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.FromHours(8));
        var beforeAnchor = DemoTimeShift.For(Anchor, early);
        Assert.Equal((0, early), (beforeAnchor.Days, beforeAnchor.NotAfter));
        Assert.All(Generate(early).Cases.SelectMany(demoCase => demoCase.Appends), append => Assert.True(append.At <= early));
    }

    [Fact]
    public void Nothing_is_decided_after_the_load_moment_and_the_open_cases_fill_both_boards()
    {
        var loadMoment = new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(8));
        var data = Generate(loadMoment);

        Assert.All(data.Cases.SelectMany(demoCase => demoCase.Appends), append => Assert.True(append.At <= data.Shift.NotAfter));
        var open = data.Cases.Where(demoCase => demoCase.Need.IsOpen || demoCase.Case is { IsWorking: true }).ToList();
        var running = open.Count(demoCase => demoCase.Need.HandleBy > data.Shift.NotAfter || demoCase.Case?.HandleBy > data.Shift.NotAfter);
        var overdue = open.Count(demoCase => demoCase.Need.OverdueInRound || demoCase.Case is { BreachedDeadlines.IsEmpty: false });
        Assert.True(running >= 3, $"only {running} open needs or cases have a limit still running on the day of the demo");
        Assert.True(overdue >= 3, $"only {overdue} open needs or cases are overdue");
    }

    [Fact]
    public void Every_case_was_accepted_by_the_rules()
    {
        Assert.Empty(AtAnchor.Skipped);
        Assert.Equal(SeedIds.Length + 300, AtAnchor.Cases.Count);
    }

    [Fact]
    public void Every_stream_folds_to_the_state_it_was_decided_on()
    {
        foreach (var demoCase in AtAnchor.Cases)
        {
            var needEvents = demoCase.Events("need-").ToList();
            Assert.IsType<NeedRaised>(needEvents[0]);
            var need = needEvents.Cast<NeedEvent>().Aggregate(Need.Initial, Need.Evolve);
            Assert.Equal(demoCase.Need, need);

            var caseEvents = demoCase.Events("case-").ToList();
            Assert.Equal(demoCase.CaseId is not null, caseEvents.Count > 0);
            if (caseEvents.Count == 0) continue;
            Assert.IsType<WhistleBlown>(caseEvents[0]);
            var whistleCase = caseEvents.Cast<CaseEvent>().Aggregate(WhistleCase.Initial, WhistleCase.Evolve);
            Assert.Equal((demoCase.Case!.Status, demoCase.Case.Level, demoCase.Case.Round), (whistleCase.Status, whistleCase.Level, whistleCase.Round));
            Assert.Equal(demoCase.Case.CaseId, need.CaseId);
        }
    }

    [Fact]
    public void Every_append_can_be_stored()
    {
        foreach (var append in AtAnchor.Cases.SelectMany(demoCase => demoCase.Appends))
        {
            Assert.Matches("^(need|case)-[a-z0-9-]+$", append.StreamId);
            Assert.False(string.IsNullOrWhiteSpace(append.Actor));
            Assert.NotEmpty(append.Events);
            Assert.All(append.Events, @event => Assert.NotNull(@event.GetType().GetCustomAttribute<EventTypeAttribute>()));
        }
        foreach (var demoCase in AtAnchor.Cases)
        {
            var times = demoCase.Appends.Select(append => append.At).ToList();
            Assert.Equal(times.Order(), times);
            Assert.All(times, at => Assert.True(at <= Anchor, $"{demoCase.NeedId} decides at {at:O}, after the window's end"));
        }
    }

    [Fact]
    public void The_seed_cases_are_there_and_finished_as_their_timelines_say()
    {
        foreach (var id in SeedIds)
        {
            var seed = AtAnchor.Case(id);
            Assert.True(seed.IsSeed);
            Assert.Equal(NeedStatus.Closed, seed.Need.Status);
            if (seed.Case is { } whistleCase) Assert.Equal(CaseStatus.Closed, whistleCase.Status);
        }

        Assert.Null(AtAnchor.Case("c-fmj-003").Case);
        Assert.Null(AtAnchor.Case("c-fmj-004").Case);
        Assert.Null(AtAnchor.Case("c-yaxl-003").Case);
        Assert.Null(AtAnchor.Case("c-yaxl-004").Case);
        var project = AtAnchor.Case("c-bj-001");
        Assert.Null(project.Case);
        Assert.Equal("p-bj-yuanluo", project.Need.ProjectId);
        Assert.Equal(ResolutionSources.Project, project.Events().OfType<NeedResolved>().Single().Source);
    }

    [Fact]
    public void Residents_with_a_demo_login_raise_their_needs_under_it()
    {
        foreach (var (needId, login) in new[] { ("c-xhnl-002", "xinghua-resident"), ("c-fmj-002", "fumin-resident") })
        {
            var raising = AtAnchor.Case(needId).Appends[0];
            Assert.Equal(login, raising.Actor);
            Assert.Equal(login, Assert.IsType<NeedRaised>(raising.Events.Single()).ReporterUserId);
        }
        // 邹保国 lives in 富民街 too, but the demo login there is 石建华's.
        Assert.Equal("demo:resident:fuminjie", AtAnchor.Case("c-fmj-004").Appends[0].Actor);
        Assert.Null(AtAnchor.Case("c-fmj-004").Events().OfType<NeedRaised>().Single().ReporterUserId);
    }

    [Fact]
    public void The_xinghuananli_sewer_case_breaches_its_fifteen_days_and_goes_to_the_district()
    {
        var sewer = AtAnchor.Case("c-xhnl-002");

        var overdue = Assert.Single(sewer.Events().OfType<CaseOverdue>());
        Assert.Equal(("handle", "street"), (overdue.Deadline, overdue.Level));
        var escalated = Assert.Single(sewer.Events().OfType<CaseEscalated>());
        Assert.Equal(("street", "district", true), (escalated.FromLevel, escalated.ToLevel, escalated.Automatic));
        Assert.Equal("district", sewer.Case!.Level);
        Assert.False(sewer.Events().OfType<CaseReported>().Single().InTime);
        Assert.Equal("complex", sewer.Events().OfType<CaseDispatched>().Single().HandlingClass);
    }

    [Fact]
    public void The_yongxinglu_trees_case_is_escalated_when_the_greening_bureau_signs_late()
    {
        var trees = AtAnchor.Case("c-yxl-001");

        var overdue = Assert.Single(trees.Events().OfType<CaseOverdue>());
        Assert.Equal(("sign", "dept-ylh"), (overdue.Deadline, overdue.DepartmentIds.Single()));
        var escalated = Assert.Single(trees.Events().OfType<CaseEscalated>());
        Assert.True(escalated.Automatic);
        Assert.Equal(DemoActors.Timer, trees.Appends.Single(append => append.Events.OfType<CaseEscalated>().Any()).Actor);
        Assert.False(trees.Events().OfType<DepartmentSigned>().Single(signed => signed.DepartmentId == "dept-ylh").InTime);
        // 园林绿化局 signs with the login of its demo account.
        Assert.Equal("yuanlin-dept", trees.Appends.Single(append => append.Events.OfType<DepartmentSigned>().Any(signed => signed.DepartmentId == "dept-ylh")).Actor);
    }

    [Fact]
    public void The_other_seed_escalations_happen_as_the_timelines_say()
    {
        var lift = AtAnchor.Case("c-fmj-002");
        Assert.Equal("handle", Assert.Single(lift.Events().OfType<CaseOverdue>()).Deadline);
        Assert.True(Assert.Single(lift.Events().OfType<CaseEscalated>()).Automatic);

        var parkingLot = AtAnchor.Case("c-fmj-001");
        var escalated = Assert.Single(parkingLot.Events().OfType<CaseEscalated>());
        Assert.False(escalated.Automatic);
        Assert.Equal("zhenwudong-staff", parkingLot.Appends.Single(append => append.Events.Contains(escalated)).Actor);
        Assert.Equal("district", parkingLot.Events().OfType<CaseDispatched>().Single().Level);

        // No other seed breaks a limit: the rules' timers agree with the timelines.
        foreach (var id in SeedIds.Except(["c-xhnl-002", "c-yxl-001", "c-fmj-002"]))
        {
            Assert.Empty(AtAnchor.Case(id).Events().OfType<CaseOverdue>());
            Assert.Empty(AtAnchor.Case(id).Events().OfType<NeedOverdue>());
        }
    }

    [Fact]
    public void A_whistle_escalates_its_need_and_the_case_drives_the_need_to_its_end()
    {
        var parking = AtAnchor.Case("c-xhnl-001");
        var needTypes = parking.Events("need-").Select(@event => @event.GetType().Name);
        Assert.Equal(
            ["NeedRaised", "NeedAccepted", "CommunityHandlingStarted", "NeedEscalatedByWhistle", "NeedResolved", "FeedbackRecorded", "NeedClosed"],
            needTypes);
        var blown = parking.Events("case-").OfType<WhistleBlown>().Single();
        Assert.Equal(("c-xhnl-001", "key", "华昱家园西门门口乱停车，阻挡进出车辆视线"), (blown.NeedId, blown.WhistleType, blown.Title));
        Assert.Equal("清理门口停放车辆、安装石墩，保障了进出车辆视线，确保居民出行安全", parking.Events().OfType<NeedResolved>().Single().Resolution);
        Assert.Equal(["dept-jjzd", "dept-linxiaolu-pcs", "dept-linxiaolu-cgk"], parking.Events().OfType<DepartmentSigned>().Select(signed => signed.DepartmentId));
    }

    [Fact]
    public void Seed_steps_the_rules_refuse_are_moved_or_left_out_and_say_so()
    {
        Assert.Contains(AtAnchor.Case("c-xhnl-002").Notes, note => note.StartsWith("step 4 (whistle_blown) at 24", StringComparison.Ordinal));
        Assert.Contains(AtAnchor.Case("c-fmj-003").Notes, note => note.StartsWith("step 6 (reported) at 2", StringComparison.Ordinal));
        Assert.Contains(AtAnchor.Case("c-fmj-001").Notes, note => note.StartsWith("step 12 (progress) left out", StringComparison.Ordinal));
        Assert.DoesNotContain(AtAnchor.Cases.SelectMany(demoCase => demoCase.Notes), note => note.Contains("sla_breached", StringComparison.Ordinal));
        Assert.DoesNotContain(AtAnchor.Cases.SelectMany(demoCase => demoCase.Notes), note => note.Contains("(escalated)", StringComparison.Ordinal));
        Assert.All(Generated, demoCase => Assert.Empty(demoCase.Notes));
    }

    [Fact]
    public void Generated_ids_follow_the_pattern_and_the_monthly_weights()
    {
        var ids = Generated.Select(demoCase => demoCase.NeedId).ToList();
        Assert.Equal(300, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(GeneratedId(), id));

        var byMonth = ids.GroupBy(id => id[2..8]).ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(24, byMonth["202511"]);
        Assert.Equal(18, byMonth["202602"]);
        Assert.Equal(30, byMonth["202607"]);
        foreach (var month in byMonth)
            Assert.Equal(Enumerable.Range(1, month.Value).Select(n => $"g-{month.Key}-{n:D4}"), ids.Where(id => id[2..8] == month.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generated_paths_levels_and_outcomes_are_near_the_parameters()
    {
        var cases = Generated.ToList();
        var whistled = cases.Count(demoCase => demoCase.Case is not null) / (double)cases.Count;
        InRange(whistled, 0.32, 0.55, "share of needs with a whistle case");

        var blown = cases.SelectMany(demoCase => demoCase.Events()).OfType<WhistleBlown>().Where(whistle => !whistle.Automatic).ToList();
        InRange(blown.Count(whistle => whistle.Level == "district") / (double)blown.Count, 0.1, 0.32, "share of whistles blown to the district");
        InRange(blown.Count(whistle => whistle.WhistleType == "routine") / (double)blown.Count, 0.45, 0.75, "share of routine whistles");

        var signed = cases.SelectMany(demoCase => demoCase.Events()).OfType<DepartmentSigned>().ToList();
        InRange(signed.Count(sign => !sign.InTime) / (double)signed.Count, 0.03, 0.16, "share of late signatures");
        var reported = cases.SelectMany(demoCase => demoCase.Events()).OfType<CaseReported>().ToList();
        InRange(reported.Count(report => !report.InTime) / (double)reported.Count, 0.04, 0.22, "share of late reports");

        var feedback = cases.SelectMany(demoCase => demoCase.Events()).OfType<FeedbackRecorded>().ToList();
        InRange(feedback.Count(answer => answer.Resolved) / (double)feedback.Count, 0.8, 0.97, "share resolved at the callback");
        InRange(feedback.Count(answer => answer.Satisfied) / (double)feedback.Count, 0.72, 0.95, "share satisfied at the callback");

        Assert.Contains(cases, demoCase => demoCase.Events().OfType<CaseReopened>().Any());
        Assert.Contains(cases, demoCase => demoCase.Events().OfType<NeedOverdue>().Any());
        Assert.Contains(cases, demoCase => demoCase.Events().OfType<CaseEscalated>().Any(escalated => escalated.Automatic));
        Assert.Contains(cases, demoCase => demoCase.Events().OfType<CaseDispatched>().Any(dispatch => dispatch.ParticipatingUnitIds.Count > 0));
    }

    [Fact]
    public void Most_of_the_last_three_weeks_are_still_open_at_various_stages_and_the_rest_is_done()
    {
        var lastDays = (int)Parameters["openAtWindowEnd"]!["lastDays"]!;
        var since = Anchor.AddDays(-lastDays);
        var recent = Generated.Where(demoCase => RaisedAt(demoCase) >= since).ToList();
        var older = Generated.Where(demoCase => RaisedAt(demoCase) < since).ToList();

        InRange(recent.Count(IsOpen) / (double)recent.Count, 0.5, 0.85, "share of the last weeks' needs still open");
        InRange(older.Count(IsOpen) / (double)older.Count, 0, 0.05, "share of older needs still open");
        var openStages = recent.Where(IsOpen).Select(demoCase => demoCase.Case?.Status.ToString() ?? demoCase.Need.Status.ToString()).Distinct().ToList();
        Assert.True(openStages.Count >= 4, $"open needs only at {string.Join(", ", openStages)}");
    }

    [Fact]
    public void The_minimums_per_community_hold()
    {
        var minimums = Parameters["minimums"]!.AsObject();
        Assert.Equal(3, minimums.Count);
        foreach (var (communityId, node) in minimums)
        {
            var whistle = node!["whistleCasesOfCategories"] is not null;
            var categories = (node["whistleCasesOfCategories"] ?? node["casesOfCategories"])!.AsArray().Select(category => (string)category!).ToList();
            var count = Generated.Count(demoCase => demoCase.Need.Place!.CommunityId == communityId && categories.Contains(demoCase.Need.Category)
                && (!whistle || demoCase.Case is not null));
            Assert.True(count >= (int)node["atLeast"]!, $"{communityId} has {count} such cases, fewer than {node["atLeast"]}");
        }
    }

    [Fact]
    public void Generated_cases_spread_over_streets_categories_and_seasons()
    {
        var cases = Generated.ToList();
        var byStreet = cases.GroupBy(demoCase => demoCase.Need.Place!.StreetId).ToDictionary(group => group.Key, group => group.Count() / 300.0);
        foreach (var (streetId, share) in Parameters["byStreet"]!.AsObject())
            InRange(byStreet[streetId], (double)share! - 0.07, (double)share! + 0.07, $"share of street {streetId}");

        Assert.DoesNotContain(cases, demoCase => demoCase.Need.Category == "wish");
        var heating = cases.Where(demoCase => demoCase.Need.Category == "heating").ToList();
        Assert.NotEmpty(heating);
        Assert.All(heating, demoCase => Assert.Contains(RaisedAt(demoCase).Month, new[] { 11, 12, 1, 2, 3 }));
        Assert.All(heating, demoCase => Assert.DoesNotContain(demoCase.Need.Place!.StreetId, new[] { "yongchang", "liucheng" }));
        Assert.True(cases.Select(demoCase => demoCase.Need.Category).Distinct().Count() >= 20);

        var phones = cases.Select(demoCase => long.Parse(demoCase.Events().OfType<NeedRaised>().Single().Reporter.Phone, System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(phones, phone => Assert.InRange(phone, 13800005000L, 13800009999L));
    }

    [Fact]
    public void Street_departments_lead_street_whistles_when_the_street_has_one()
    {
        var dispatched = Generated.Where(demoCase => demoCase.Case is not null)
            .SelectMany(demoCase => demoCase.Events().OfType<CaseDispatched>().Select(dispatch => (Need: demoCase.Need, Dispatch: dispatch)))
            .ToList();
        Assert.Contains(dispatched, item => item.Dispatch.Level == "street" && item.Dispatch.LeadDepartmentId.StartsWith($"dept-{item.Need.Place!.StreetId}-", StringComparison.Ordinal));
        Assert.All(dispatched.Where(item => item.Dispatch.LeadDepartmentId.Count(c => c == '-') == 2),
            item => Assert.StartsWith($"dept-{item.Need.Place!.StreetId}-", item.Dispatch.LeadDepartmentId));
        // A category no department is named for (其他) falls back to the street's 城管科 at either level.
        Assert.All(dispatched.Where(item => item.Dispatch.Level == "district" && item.Need.Category != "other"),
            item => Assert.DoesNotMatch("^dept-[a-z]+-[a-z]+$", item.Dispatch.LeadDepartmentId));
    }

    private static bool IsOpen(DemoCase demoCase) => demoCase.Need.IsOpen || demoCase.Need.Status == NeedStatus.Resolved && !demoCase.Events().OfType<NeedClosed>().Any();

    private static DateTimeOffset RaisedAt(DemoCase demoCase) => demoCase.Events().OfType<NeedRaised>().Single().RaisedAt.ToOffset(TimeSpan.FromHours(8));

    private static void InRange(double actual, double low, double high, string what) =>
        Assert.True(actual >= low && actual <= high, $"{what}: {actual:P1}, expected {low:P0}–{high:P0}");

    [GeneratedRegex(@"^g-20(25|26)(0[1-9]|1[0-2])-\d{4}$")]
    private static partial Regex GeneratedId();
}
