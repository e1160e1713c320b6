using Platform.DemoLoader.Needs;
using Platform.DemoLoader.Resources;
using Platform.Kernel.Time;
using Platform.Projects.Meetings;
using Platform.Projects.ProjectList;

namespace Platform.DemoLoader.Projects;

/// <summary>What the Projects demo adds up to, for the loader's log and the tests.</summary>
public sealed record ProjectsDemoSet(
    string DistrictCode, IReadOnlyList<IReadOnlyList<DemoAppend>> Groups, IReadOnlyDictionary<string, string> ActorNames, int Councils, int Meetings,
    int Projects, int Tasks, int ProjectsCompleted, int TasksOverdue, IReadOnlyList<DemoPhoto> Evidence);

/// <summary>
/// The joint meetings and projects of the demo district, ending on the load day. 永兴路's 大党委 has held its 34
/// meetings every two months with its member units in the chair by turns (the seed's last three: 安防, 百项服务, 商户,
/// 党建阵地 and the 腊八粥), having decided the 连心亭 and 党群服务驿站 and the 微改造 before; every other community with
/// three co-building units or more has met every two months for a year, each meeting deciding a project with its
/// 责任清单 (the seeds' own first: 富民街's parking lot and greening, 北街's courtyard renovation …). Each meeting
/// reviews the earlier decisions still open; tasks are completed by milestones, some run late; every council has its
/// next meeting scheduled. Everything is decided by the service's own deciders; the same load day gives the same data.
/// </summary>
public static class ProjectsDemoData
{
    private const int Seed = 20261213;

    /// <summary>Meetings held by a council other than 永兴路's, one every two months.</summary>
    private const int MeetingsPerYear = 6;

    private sealed record Template(string Name, string Summary, string[] Tasks);

    /// <summary>Projects a community's meeting decides when no seed project is left for it: seed 001's 微改造, seed 003's
    /// sewer blockages and broken manhole covers, and the services of the 百项服务 catalogue.</summary>
    private static readonly Template[] Templates =
    [
        new("楼道照明改造", "更换老化楼道灯具，加装声控开关，解决夜间上下楼看不清台阶的问题。", ["摸排需更换的灯具", "采购并安装灯具", "入户告知并验收"]),
        new("雨污管网疏通", "疏通小区雨污管网，解决雨季积水和污水外溢。", ["管网检测与清淤方案", "清淤疏通施工", "雨后复查并向居民反馈"]),
        new("破损井盖更换", "排查并更换破损、缺失井盖，消除安全隐患。", ["排查破损井盖", "更换井盖并设置警示", "回访居民"]),
        new("非机动车充电棚建设", "新建非机动车集中充电棚，治理楼道飞线充电。", ["选址并征求居民意见", "充电棚施工", "消防安全宣传"]),
        new("小区绿化补植", "补植小区公共绿地，居民认领绿植养护。", ["制定补植方案", "组织补植活动", "认领养护登记"]),
        new("助老餐桌", "为辖区高龄、独居老人提供助餐服务。", ["统计用餐老人名单", "落实助餐点与配送", "每月满意度回访"]),
        new("暑期青少年托管", "利用共建单位场地开设暑期托管班。", ["招募志愿者与课程安排", "开班与安全管理", "结班展示与家长反馈"]),
        new("背街小巷环境整治", "清理背街小巷堆物、规范停车、修补路面。", ["清理堆物", "施划停车位", "路面修补"]),
        new("垃圾分类驿站建设", "建设垃圾分类驿站，配备督导员。", ["驿站选址与建设", "督导员上岗培训", "分类准确率评估"]),
        new("独居老人结对帮扶", "共建单位党员与独居老人结对，定期上门探访。", ["建立结对名单", "每月上门探访", "困难诉求转办"]),
    ];

    private static readonly string[] Resolutions =
    [
        "开展春季环境卫生大扫除", "组织党员志愿者服务日", "走访慰问困难群众", "开展消防安全检查", "组织居民议事会议定停车公约",
        "开展防汛隐患排查", "举办邻里节活动", "开展反诈宣传进楼门",
    ];

    public static ProjectsDemoSet Generate(ProjectsDemoSources sources, DateTimeOffset loadMoment)
    {
        var today = DistrictTime.DateOf(loadMoment);
        var random = new DemoRandom(Seed);
        var resources = sources.Resources;
        var actors = new DemoActors(resources.Logins, resources.DistrictCode);
        var groups = new List<IReadOnlyList<DemoAppend>>();
        var unitNames = resources.Units.ToDictionary(unit => unit.Id, unit => unit.Name);
        var (meetings, projects, tasks, completed, overdue) = (0, 0, 0, 0, 0);
        var councils = 0;
        var evidence = new List<DemoPhoto>();

        DateTimeOffset At(DateOnly date, double hour) => DistrictTime.StartOf(date).AddHours(hour);

        foreach (var (communityId, streetId) in resources.StreetOfCommunity.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var units = resources.Units.Where(unit => unit.CommunityIds?.Contains(communityId) == true)
                .OrderByDescending(unit => unit.CouncilMember == true).ThenBy(unit => unit.Id, StringComparer.Ordinal).ToList();
            if (units.Count < 3) continue;
            var seeded = sources.Meetings?.CommunityId == communityId;
            var rosterIds = seeded && sources.Meetings!.RotatingChair is { } rotation
                ? rotation.RotationUnitIds.Where(unitNames.ContainsKey).ToList()
                : [.. units.Take(5).Select(unit => unit.Id)];
            var roster = rosterIds.Select(id => new RosterMember(id, unitNames[id])).ToList();
            // The members whose agreement (the Resources demo signs one, with the first community a unit serves) binds
            // them to this community: only they may claim its projects.
            var claimants = roster.Where(member => resources.Units.First(unit => unit.Id == member.UnitId).CommunityIds?
                .FirstOrDefault(resources.StreetOfCommunity.ContainsKey) == communityId).ToList();
            var party = new CouncilParty(communityId, CouncilParty.Community, streetId, communityId);
            var staff = actors.CommunityStaff(communityId);
            var placeName = resources.PlaceNames.GetValueOrDefault(communityId, communityId);
            var place = $"{placeName}党群服务中心";
            var council = new DemoStream<CouncilCommand, CouncilEvent, Council>(CouncilDecider.Decider, communityId);

            // When the meetings were: 永兴路's 34 every two months up to its last 52 days ago (16 October on the demo's
            // day); the others' six over the last year.
            var held = seeded ? sources.Meetings!.MeetingsHeld : MeetingsPerYear;
            var last = seeded ? today.AddDays(-52) : today.AddDays(-25 - councils % 20);
            var dates = Enumerable.Range(1, held).Select(number => last.AddMonths(-2 * (held - number))).ToList();
            council.Run(new SetRoster(party, roster), staff, At(dates[0].AddDays(-30), 9));

            // Which meeting decided which project: the seed's records, the seed projects of the community spread over its
            // meetings, then a project from the templates at each recent meeting, and resolutions before that.
            var seedProjects = sources.Projects.Where(project => project.CommunityId == communityId).ToList();
            var byMeeting = new Dictionary<int, List<SeedProject>>();
            if (seeded)
            {
                var recorded = sources.Meetings!.Records ?? [];
                foreach (var record in recorded)
                    byMeeting[record.Number] = [.. (record.ProjectIds ?? []).Select(id => seedProjects.FirstOrDefault(project => project.Id == id)).OfType<SeedProject>()
                        .Where(project => !byMeeting.Values.Any(earlier => earlier.Contains(project)))];
                var unrecorded = seedProjects.Where(project => !byMeeting.Values.Any(list => list.Contains(project))).ToList();
                for (var index = 0; index < unrecorded.Count; index++) byMeeting[held - 14 + index * 3] = [unrecorded[index]];
            }
            else
            {
                for (var index = 0; index < seedProjects.Count && index < held; index++) byMeeting[index + 1] = [seedProjects[index]];
            }

            var completedOn = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
            for (var number = 1; number <= held; number++)
            {
                var date = dates[number - 1];
                var meetingId = $"M-demo-{communityId}-{number:00}";
                var heldAt = At(date, 14.5);
                var chair = Council.NextChair(council.State.Roster, council.State.Meetings.LastOrDefault()?.Chair.UnitId)!;
                council.Run(new ScheduleMeeting(meetingId, party, heldAt, place, Agenda.DefaultTopicsCloseDays), staff, heldAt.AddDays(-20));

                var plans = new List<(string Title, ProjectPlan? Project)>();
                foreach (var seed in byMeeting.GetValueOrDefault(number) ?? [])
                    plans.Add((seed.Title, SeedPlan(seed, date, today, roster, placeName, sources.SeedNeeds.GetValueOrDefault(seed.Id))));
                if (plans.Count == 0 && held - number < MeetingsPerYear)
                {
                    var template = Templates[(councils * 3 + number) % Templates.Length];
                    plans.Add((template.Name, TemplatePlan(template, $"P-demo-{communityId}-{number:00}", date, roster, placeName, random)));
                }
                if (plans.Count == 0) plans.Add((Resolutions[(councils + number) % Resolutions.Length], null));
                foreach (var (title, _) in plans) council.Run(new ProposeTopic(meetingId, title, null, Urgent: false), chairActor(chair), heldAt.AddDays(-19));

                var open = council.State.OpenDecisionsBefore(number).ToList();
                var feedback = open.Select(pair => new FeedbackTopic(pair.Decision.DecisionId, pair.Meeting.Number, pair.Decision.Title,
                    Standing(pair.Decision, completedOn, date))).ToList();
                var meeting = council.State.Meeting(meetingId)!;
                var attendees = roster.Where((_, index) => index == 0 || random.Chance(0.8)).Select(member => new Attendee(member.Name, member.UnitId))
                    .Append(new Attendee($"{placeName}党委", null)).ToList();
                council.Run(new OpenMeeting(meetingId, Agenda.Draft(meeting, feedback, [], []), attendees), staff, heldAt);

                foreach (var (earlier, decision) in open)
                {
                    var finished = decision.ProjectId is null || completedOn.GetValueOrDefault(decision.ProjectId) is { } on && on <= date;
                    // A running project keeps its time limit here: a review that moved it would move the project too
                    // (ProjectDecider.Following), and the project's history is written before the meetings that review it.
                    council.Run(finished
                            ? new ReviewDecision(meetingId, decision.DecisionId, DecisionReview.Done, decision.ProjectId is null ? "已按决定落实。" : "项目已完成，居民认可。", null,
                                decision.ProjectId is null ? null : true)
                            : decision.DueOn is { } due && due < date
                                ? new ReviewDecision(meetingId, decision.DecisionId, DecisionReview.Adjust, "项目逾期，责令责任单位限期完成，轮值单位督办。", null, false)
                                : new ReviewDecision(meetingId, decision.DecisionId, DecisionReview.Continue, "正在按责任清单推进，轮值单位继续督办。",
                                    decision.DueOn ?? date.AddDays(30), false),
                        staff, heldAt.AddMinutes(30));
                }

                foreach (var (title, planned) in plans)
                {
                    var plan = planned is null ? null : planned with { CommunityId = communityId, StreetId = streetId };
                    if (plan is null)
                    {
                        council.Run(new RecordDecision(meetingId, MeetingDecision.Resolution, title, null, date.AddDays(30), null), staff, heldAt.AddHours(1));
                        continue;
                    }
                    var (stream, done, late) = RunProject(plan, meetingId, staff, claimants, today, At, actors, evidence);
                    groups.Add(stream.Appends);
                    completedOn[plan.Id] = done;
                    projects++;
                    tasks += plan.Tasks.Count;
                    overdue += late;
                    if (done is not null) completed++;
                    council.Run(new RecordDecision(meetingId, MeetingDecision.Project, plan.Name, plan.Id, plan.DueOn, $"由{chair.Name}会同社区党委照单监督。"),
                        staff, heldAt.AddHours(1));
                }
                council.Run(new CloseMinutes(meetingId, $"第 {number} 次联席会议：议定 {string.Join("、", plans.Select(plan => plan.Title))}；审议上次决定 {open.Count} 项。"),
                    staff, heldAt.AddHours(2.5));
                meetings++;
            }

            // The next meeting, scheduled a few days ago, its chair the next member in turn.
            var nextId = $"M-demo-{communityId}-{held + 1:00}";
            var nextAt = At(today.AddDays(10 + councils % 15), 14.5);
            council.Run(new ScheduleMeeting(nextId, party, nextAt, place, Agenda.DefaultTopicsCloseDays), staff, loadMoment.AddDays(-3));
            groups.Add(council.Appends);
            councils++;

            string chairActor(RosterMember member) => actors.Unit(member.UnitId);
        }

        var actorNames = groups.SelectMany(group => group).Select(append => append.Actor).Distinct()
            .Select(actor => (actor, name: actors.NameOf(actor, id => resources.PlaceNames.GetValueOrDefault(id, unitNames.GetValueOrDefault(id, id)))))
            .Where(pair => pair.name is not null).ToDictionary(pair => pair.actor, pair => pair.name!);
        return new ProjectsDemoSet(resources.DistrictCode, groups, actorNames, councils, meetings, projects, tasks, completed, overdue, evidence);
    }

    private static string Standing(MeetingDecision decision, IReadOnlyDictionary<string, DateOnly?> completedOn, DateOnly on) =>
        decision.ProjectId is null ? "议定事项"
        : completedOn.GetValueOrDefault(decision.ProjectId) is { } done && done <= on ? $"项目已完成（{done:yyyy-MM-dd}）" : "按责任清单推进中";

    /// <summary>A project as the meeting decides it: its tasks with owners and deadlines, and whether it is to finish
    /// (a recurring one, as the 腊八粥 each year, goes on).</summary>
    private sealed record ProjectPlan(
        string Id, string Name, string Summary, string CommunityId, string StreetId, DateOnly DecidedOn, DateOnly DueOn, IReadOnlyList<TaskDraft> Tasks,
        bool Recurring, IReadOnlyList<ProjectNeed> Needs, double Diligence);

    private static ProjectPlan SeedPlan(SeedProject seed, DateOnly decidedOn, DateOnly today, IReadOnlyList<RosterMember> roster, string placeName, SeedNeed? need)
    {
        var recurring = seed.Status == "recurring";
        if (seed.Id == "p-yxl-labazhou")
        {
            // The 腊八粥 for this year's 腊八节, five weeks ahead: the seed's own 责任清单.
            var laba = today.AddDays(39);
            return new ProjectPlan(seed.Id, seed.Title, seed.SeedFact ?? seed.Title, seed.CommunityId, "", decidedOn, laba.AddDays(2),
            [
                new TaskDraft("统计60岁以上老人名单、布置集体生日场地", $"{placeName}居委会", null, laba.AddDays(-5)),
                new TaskDraft("备足腊八粥（按往年最多450碗准备）、安排现场人员", "老东粥皇", "u-laodong", laba.AddDays(-1)),
                new TaskDraft("为行动不便老人送粥上门", "为老服务队", null, laba),
            ], Recurring: true, [], 1.0);
        }
        var span = recurring ? 150 : 100;
        var owner = roster[seed.Id.Sum(character => character) % roster.Count];
        return new ProjectPlan(seed.Id, seed.Title, seed.SeedFact ?? seed.Title, seed.CommunityId, "", decidedOn, decidedOn.AddDays(span),
        [
            new TaskDraft("征求居民意见，制定实施方案", $"{placeName}居委会", null, decidedOn.AddDays(span / 4)),
            new TaskDraft("组织实施", owner.Name, owner.UnitId, decidedOn.AddDays(span * 2 / 3)),
            new TaskDraft("验收并向居民反馈", $"{placeName}党委", null, decidedOn.AddDays(span - 5)),
        ], recurring, need is null ? [] : [new ProjectNeed(need.NeedId, need.Title)], 1.0);
    }

    private static ProjectPlan TemplatePlan(Template template, string id, DateOnly decidedOn, IReadOnlyList<RosterMember> roster, string placeName, DemoRandom random)
    {
        var span = 75 + random.Next(60);
        var drafts = template.Tasks.Select((what, index) =>
        {
            var unit = index == 1 ? roster[random.Next(roster.Count)] : null;
            return new TaskDraft(what, unit?.Name ?? (index == 0 ? $"{placeName}居委会" : $"{placeName}党委"), unit?.UnitId,
                decidedOn.AddDays(span * (index + 1) / template.Tasks.Length - (index == template.Tasks.Length - 1 ? 3 : 0)));
        }).ToList();
        return new ProjectPlan(id, $"{placeName}{template.Name}", template.Summary, "", "", decidedOn, decidedOn.AddDays(span), drafts, Recurring: false, [],
            random.Uniform(0.6, 1.0));
    }

    /// <summary>One project in three is claimed, two days after the meeting, by a member unit bound to the community that
    /// owns none of its tasks: jointly on its middle task, or on the whole project. The community confirms two days later.
    /// The 腊八粥's delivery to the housebound is claimed too, and its claim still waits for the community.</summary>
    private static IEnumerable<(DateTimeOffset At, string Actor, ProjectCommand Command)> Claims(
        ProjectPlan plan, Project project, IReadOnlyList<RosterMember> claimants, string staff, DateOnly today, Func<DateOnly, double, DateTimeOffset> at,
        DemoActors actors)
    {
        var labazhou = plan.Id == "p-yxl-labazhou";
        var candidates = claimants.Where(member => project.Tasks.All(task => task.Owner.UnitId != member.UnitId)).ToList();
        var turn = plan.Id.Sum(character => character);
        if (candidates.Count == 0 || (!labazhou && turn % 3 != 0)) yield break;
        var claimant = candidates[turn % candidates.Count];
        var task = labazhou ? project.Tasks[^1] : turn % 2 == 0 ? project.Tasks[project.Tasks.Count / 2] : null;
        var claimedOn = plan.DecidedOn.AddDays(2);
        if (claimedOn >= today) yield break;
        yield return (at(claimedOn, 10), actors.Unit(claimant.UnitId), new ClaimProject(new ClaimingUnit(claimant.UnitId, claimant.Name), task?.TaskId, null, null,
            labazhou ? "出 6 名员工，腊八当天按社区名单送粥上门。" : "本单位党员志愿者参与，配合责任单位推进。"));
        if (!labazhou && claimedOn.AddDays(2) < today) yield return (at(claimedOn.AddDays(2), 9), staff, new ConfirmClaim("K1"));
    }

    /// <summary>The project's stream: decided at the meeting, each task's milestones as its owner reports them, late
    /// ones left open; completed a few days after its last task when none is left. Returns when it completed and how
    /// many tasks are overdue on the load day.</summary>
    private static (DemoStream<ProjectCommand, ProjectEvent, Project> Stream, DateOnly? CompletedOn, int Overdue) RunProject(
        ProjectPlan plan, string meetingId, string staff, IReadOnlyList<RosterMember> claimants, DateOnly today, Func<DateOnly, double, DateTimeOffset> at,
        DemoActors actors, List<DemoPhoto> evidence)
    {
        var stream = new DemoStream<ProjectCommand, ProjectEvent, Project>(ProjectDecider.Decider, plan.Id);
        var party = new ProjectParty(plan.StreetId, plan.CommunityId);
        stream.Run(new DecideProject(plan.Id, plan.Name, plan.Summary, party, null, plan.DueOn, plan.Needs, plan.Tasks, meetingId), staff, at(plan.DecidedOn, 16));
        var steps = new List<(DateTimeOffset At, string Actor, ProjectCommand Command)>();
        var lastDone = (DateOnly?)null;
        var late = 0;
        var allDone = true;
        foreach (var (task, index) in stream.State.Tasks.Select((task, index) => (task, index)))
        {
            var actor = task.Owner.UnitId is { } unitId ? actors.Unit(unitId) : staff;
            var start = plan.DecidedOn.AddDays(Math.Max(1, (task.Deadline.DayNumber - plan.DecidedOn.DayNumber) / 3));
            if (start < today) steps.Add((at(start, 17), actor, new ReachMilestone(task.TaskId, "已启动", "责任单位已落实人员和方案。", start, CompletesTask: false)));
            // Most tasks finish a little before their deadline; a less diligent project lets one in three run late.
            var finish = task.Deadline.AddDays(-2 - index);
            var onTime = plan.Diligence >= 0.95 || (index * 7 + plan.Id.Length) % 10 < plan.Diligence * 10;
            if (finish < today && finish > start && onTime)
            {
                // The photo of the finished work comes first: a task completes only with evidence.
                var (file, kept) = DemoEvidence.For(plan.Id, task);
                evidence.Add(file);
                steps.Add((at(finish, 17.5), actor, new AddTaskEvidence(task.TaskId, kept)));
                steps.Add((at(finish, 18), actor, new ReachMilestone(task.TaskId, "已完成", null, finish, CompletesTask: true)));
                lastDone = lastDone is { } seen && seen > finish ? seen : finish;
            }
            else
            {
                allDone = false;
                if (task.Deadline < today) late++;
            }
        }
        steps.AddRange(Claims(plan, stream.State, claimants, staff, today, at, actors));
        foreach (var (when, actor, command) in steps.OrderBy(step => step.At)) stream.Run(command, actor, when);
        DateOnly? completedOn = null;
        if (allDone && !plan.Recurring && lastDone is { } final && final.AddDays(3) < today)
        {
            completedOn = final.AddDays(3);
            stream.Run(new CompleteProject("责任清单全部完成，经社区党委和轮值单位验收，居民认可。"), staff, at(completedOn.Value, 10));
        }
        return (stream, completedOn, late);
    }
}
