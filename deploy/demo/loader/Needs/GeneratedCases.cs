using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Kernel.Time;
using Platform.Needs.Cases;
using Platform.Needs.NeedList;
using WhistleLevels = Platform.Contracts.Needs.WhistleLevels;

namespace Platform.DemoLoader.Needs;

/// <summary>How far a planned history has come; an open case stops after the last step of its stage.</summary>
internal enum Stage
{
    Raised,
    Accepted,
    Community,
    WhistleBlown,
    Dispatched,
    Signed,
    Reported,
    Verified,
    Callback,
    Closed,
}

/// <param name="Hours">Hours after the need was raised.</param>
internal sealed record PlannedStep(double Hours, Stage Stage, Action<CaseRecorder, DateTimeOffset> Run);

/// <summary>A generated need's intended history; the recorder decides what of it the rules let happen, and when the
/// timers step in.</summary>
internal sealed class PlannedCase(string needId, DateTimeOffset raisedAt, IReadOnlyList<PlannedStep> steps)
{
    public string NeedId { get; } = needId;

    public DateTimeOffset RaisedAt { get; } = raisedAt;

    public IReadOnlyList<PlannedStep> Steps { get; } = steps;

    public DemoCase Record(DemoWorld world, DemoTimeShift shift)
    {
        var recorder = new CaseRecorder(NeedId, world.Catalogue);
        foreach (var step in Steps)
        {
            var at = RaisedAt + TimeSpan.FromSeconds(Math.Round(step.Hours * 3600)) + shift.Offset;
            if (at > shift.NotAfter) break;
            step.Run(recorder, at);
        }
        recorder.AdvanceTo(shift.NotAfter);
        return recorder.Finish(isSeed: false);
    }
}

/// <summary>
/// Plans the cases cases.json's <c>generatedCases</c> describes: how many per month, where, of what category, by which
/// channel and path, handled by which departments and how fast, with which outcome, and which of the last weeks' cases
/// are still open. Every draw comes from one <see cref="Random"/> seeded with <c>randomSeed</c>, in a fixed order, and
/// nothing depends on the load date, so ids and histories are the same on every load.
/// </summary>
internal sealed class GeneratedCases
{
    /// <summary>The file names the peak hours but not their share of the day's needs.</summary>
    private const double PeakShare = 0.6;

    /// <summary>How often a community misses its own limit, which blows an automatic whistle (not in the file).</summary>
    private const double CommunityBreachRate = 0.05;

    /// <summary>outcomes.note: 不满意的案例20%重新派单.</summary>
    private const double ReopenShareOfDissatisfied = 0.2;

    /// <summary>whistle.participatingUnits: 15%的吹哨案例加入1家本社区共建单位.</summary>
    private const double UnitJoinsShare = 0.15;

    /// <summary>locations: 楼栋可为空，表示公共区域.</summary>
    private const double BuildingShare = 0.7;

    private const string VerifyNote = "社区现场核实，办理结果属实。";

    private static readonly (int From, int To) Night = (22 * 60, 30 * 60);

    private readonly JsonObject parameters;
    private readonly DemoWorld world;
    private readonly DemoRandom random;
    private readonly DateTimeOffset windowEnd;
    private readonly Profile defaultProfile;
    private readonly (double Alpha, double Beta) handleFraction;

    public GeneratedCases(JsonObject parameters, DemoWorld world, DateTimeOffset windowEnd)
    {
        this.parameters = parameters;
        this.world = world;
        this.windowEnd = windowEnd;
        random = new DemoRandom((int)Number(parameters["randomSeed"], 20261122));
        var timing = parameters["timing"];
        var outcomes = parameters["outcomes"];
        var profile = parameters["departmentProfiles"]?["default"];
        defaultProfile = new Profile(
            Number(profile?["signBreachRate"], Number(timing?["signBreachRate"], 0.08)),
            Number(profile?["handleBreachRate"], Number(timing?["handleBreachRate"], 0.1)),
            Number(profile?["resolvedRate"], Number(outcomes?["resolvedRate"], 0.9)),
            Number(profile?["satisfiedRate"], 0.88));
        handleFraction = (Number(timing?["handleFractionOfLimit"]?["alpha"], 2.5), Number(timing?["handleFractionOfLimit"]?["beta"], 2));
    }

    private sealed record Profile(double SignBreachRate, double HandleBreachRate, double ResolvedRate, double SatisfiedRate);

    private sealed class Draft(DateTimeOffset raisedAt, DemoStreet street, DemoCommunity community, string category, string channel, string urgency, string path)
    {
        public string Id { get; set; } = "";

        public DateTimeOffset RaisedAt { get; } = raisedAt;

        public DemoStreet Street { get; } = street;

        public DemoCommunity Community { get; set; } = community;

        public string Category { get; set; } = category;

        public string Channel { get; } = channel;

        public string Urgency { get; } = urgency;

        public string Path { get; set; } = path;

        public bool Open { get; set; }

        /// <summary>Moved or changed to meet a community's minimum; no later rule touches it again.</summary>
        public bool Pinned { get; set; }
    }

    public IReadOnlyList<PlannedCase> Plan()
    {
        var drafts = DraftAll();
        MeetMinimums(drafts);
        ChooseOpenCases(drafts);
        return drafts.Select(PlanCase).ToList();
    }

    // ---- Who, where, what ------------------------------------------------------------------------------------------

    private List<Draft> DraftAll()
    {
        var months = Numbers(parameters["monthlyWeights"]);
        var count = (int)Number(parameters["count"], 300);
        var window = parameters["window"];
        var from = Time(window?["from"]) ?? DateTimeOffset.MinValue;
        var to = Time(window?["to"]) ?? windowEnd;
        var pattern = (string?)parameters["idPattern"] ?? "g-{yyyyMM}-{nnnn}";

        // Largest remainder: the monthly counts add up to the total exactly.
        var total = months.Sum(month => month.Value);
        var quotas = months.Select(month => count * month.Value / total).ToList();
        var counts = quotas.Select(quota => (int)Math.Floor(quota)).ToArray();
        foreach (var index in Enumerable.Range(0, months.Count).OrderByDescending(index => quotas[index] - counts[index]).ThenBy(index => index)
                     .Take(count - counts.Sum()))
            counts[index]++;

        var streets = Numbers(parameters["byStreet"])
            .Select(entry => (Street: world.Streets.FirstOrDefault(street => street.Id == entry.Key), entry.Value))
            .Where(entry => entry.Street is not null)
            .Select(entry => (entry.Street!, entry.Value))
            .ToList();
        var channels = Numbers(parameters["channelWeights"]).Select(entry => (DemoChannels.CodeOf(entry.Key), entry.Value)).ToList();
        var urgencies = Numbers(parameters["urgencyWeights"]);
        var paths = Numbers(parameters["path"]);

        var drafts = new List<Draft>();
        for (var m = 0; m < months.Count; m++)
        {
            var month = DateTime.ParseExact(months[m].Key, "yyyy-MM", CultureInfo.InvariantCulture);
            var monthDrafts = new List<Draft>();
            for (var i = 0; i < counts[m]; i++)
            {
                var day = random.Next(DateTime.DaysInMonth(month.Year, month.Month)) + 1;
                var raisedAt = new DateTimeOffset(month.Year, month.Month, day, 0, 0, 0, DistrictTime.Offset).AddMinutes(MinuteOfDay());
                if (raisedAt < from) raisedAt = from;
                if (raisedAt > to) raisedAt = to;
                var street = random.Weighted(streets);
                var community = CommunityIn(street);
                var category = random.Weighted(CategoryWeights(street, month.Month));
                monthDrafts.Add(new Draft(raisedAt, street, community, category, random.Weighted(channels), random.Weighted(urgencies), random.Weighted(paths)));
            }
            var number = 0;
            foreach (var draft in monthDrafts.OrderBy(draft => draft.RaisedAt))
            {
                draft.Id = pattern.Replace("{yyyyMM}", $"{month:yyyyMM}", StringComparison.Ordinal)
                    .Replace("{nnnn}", (++number).ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal);
                drafts.Add(draft);
            }
        }
        return drafts;
    }

    /// <summary>A minute of the day: mostly in the morning and evening peaks, a few at night, the rest in the day.</summary>
    private int MinuteOfDay()
    {
        var peaks = ((parameters["hourOfDay"]?["peaks"] as JsonArray) ?? []).Select(peak => Interval((string)peak!)).ToList();
        var nightShare = Number(parameters["hourOfDay"]?["nightShare"], 0.06);
        var draw = random.Next();
        if (draw < nightShare) return MinuteIn([Night]) % (24 * 60);
        if (draw < nightShare + PeakShare && peaks.Count > 0) return MinuteIn(peaks);
        // The day is what is neither night nor peak.
        var day = new List<(int From, int To)>();
        var start = Night.To - 24 * 60;
        foreach (var peak in peaks.OrderBy(peak => peak.From))
        {
            if (peak.From > start) day.Add((start, peak.From));
            start = Math.Max(start, peak.To);
        }
        if (start < Night.From) day.Add((start, Night.From));
        return MinuteIn(day);
    }

    private int MinuteIn(IReadOnlyList<(int From, int To)> intervals)
    {
        var minute = random.Next(intervals.Sum(interval => interval.To - interval.From));
        foreach (var (from, to) in intervals)
        {
            if (minute < to - from) return from + minute;
            minute -= to - from;
        }
        throw new InvalidOperationException("unreachable");
    }

    private static (int From, int To) Interval(string text)
    {
        var parts = text.Split('-');
        return ((int)TimeSpan.Parse(parts[0], CultureInfo.InvariantCulture).TotalMinutes, (int)TimeSpan.Parse(parts[1], CultureInfo.InvariantCulture).TotalMinutes);
    }

    /// <summary>withinStreet: the seeded community takes its share, the others the rest by households.</summary>
    private DemoCommunity CommunityIn(DemoStreet street)
    {
        var seeded = street.Communities.FirstOrDefault(community => community.Seeded == true);
        var others = street.Communities.Where(community => community != seeded).ToList();
        if (seeded is not null && (others.Count == 0 || random.Chance(Number(parameters["withinStreet"]?["seededCommunityShare"], 0.3)))) return seeded;
        return random.Weighted(others.Select(community => (community, (double)(community.Stats?.Households ?? 1000))).ToList());
    }

    private List<(string, double)> CategoryWeights(DemoStreet street, int month)
    {
        var excluded = Strings(parameters["excludedCategories"]);
        var monthKey = month.ToString("D2", CultureInfo.InvariantCulture);
        return Numbers(parameters["categoryWeights"])
            .Where(entry => !excluded.Contains(entry.Key) && world.Catalogue.FindCategory(entry.Key) is not null)
            .Select(entry => (entry.Key, entry.Value * SeasonalFactor(entry.Key, street, monthKey)))
            .ToList();
    }

    private double SeasonalFactor(string category, DemoStreet street, string month)
    {
        if (parameters["seasonal"]?[category] is not JsonObject rule) return 1;
        var months = Strings(rule["months"]);
        if (months.Count > 0 && !months.Contains(month)) return 0;
        // The only street rule there is: heating needs a street with central heating.
        if (((string?)rule["streetsOnly"])?.Contains("centralHeating", StringComparison.Ordinal) == true && street.CentralHeating != true) return 0;
        return Number(rule["multiplierMonths"]?[month], 1);
    }

    /// <summary>
    /// The per-community minimums (永兴路's whistles about trees and parking, 富民街's parking and lifts, 兴华南里's
    /// parking, sewers and environment): first cases of the street that already fit move to the community, then cases
    /// of the street change category. A minimum of whistle cases counts only cases old enough to have been blown.
    /// </summary>
    private void MeetMinimums(List<Draft> drafts)
    {
        if (parameters["minimums"] is not JsonObject minimums) return;
        var settledBefore = windowEnd.AddDays(-Number(parameters["openAtWindowEnd"]?["lastDays"], 21));
        foreach (var (communityId, node) in minimums)
        {
            if (node is not JsonObject rule) continue;
            var whistle = rule["whistleCasesOfCategories"] is JsonArray;
            var categories = Strings(rule["whistleCasesOfCategories"] ?? rule["casesOfCategories"]);
            var atLeast = (int)Number(rule["atLeast"], 0);
            var community = world.Community(communityId);
            var street = world.StreetOf(communityId);
            bool Eligible(Draft draft) => draft.Street == street && !draft.Pinned && (!whistle || draft.RaisedAt < settledBefore);
            bool Counts(Draft draft) => draft.Community == community && categories.Contains(draft.Category) && (!whistle || draft.Path == "whistle")
                && (!whistle || draft.RaisedAt < settledBefore);

            var missing = atLeast - drafts.Count(Counts);
            var moving = Shuffled(drafts.Where(draft => Eligible(draft) && draft.Community != community && categories.Contains(draft.Category)));
            var upgrading = Shuffled(drafts.Where(draft => whistle && Eligible(draft) && draft.Community == community && categories.Contains(draft.Category) && draft.Path != "whistle"));
            var changing = Shuffled(drafts.Where(draft => Eligible(draft) && draft.Community != community && !categories.Contains(draft.Category)))
                .Concat(Shuffled(drafts.Where(draft => Eligible(draft) && draft.Community == community && !categories.Contains(draft.Category))));
            foreach (var draft in moving.Concat(upgrading).Concat(changing))
            {
                if (missing <= 0) break;
                if (Counts(draft)) continue;
                if (!categories.Contains(draft.Category)) draft.Category = random.Pick(categories);
                draft.Community = community;
                if (whistle) draft.Path = "whistle";
                draft.Pinned = true;
                missing--;
            }
        }
    }

    private List<Draft> Shuffled(IEnumerable<Draft> drafts)
    {
        var list = drafts.ToList();
        random.Shuffle(list);
        return list;
    }

    /// <summary>openAtWindowEnd: of the last weeks' cases a share is still open (at which stage, <see cref="PlanCase"/> decides).</summary>
    private void ChooseOpenCases(List<Draft> drafts)
    {
        var open = parameters["openAtWindowEnd"];
        var since = windowEnd.AddDays(-Number(open?["lastDays"], 21));
        var share = Number(open?["openShare"], 0.6);
        foreach (var draft in drafts.Where(draft => draft.RaisedAt >= since)) draft.Open = random.Chance(share);
    }

    private static Stage StageOf(string name) => name switch
    {
        "raised" => Stage.Raised,
        "accepted" => Stage.Accepted,
        "community_attempt" => Stage.Community,
        "whistle_blown" => Stage.WhistleBlown,
        "dispatched" => Stage.Dispatched,
        "signed" => Stage.Signed,
        "reported" => Stage.Reported,
        "verified" => Stage.Verified,
        "callback" => Stage.Callback,
        _ => throw new InvalidDataException($"unknown stage {name} in openAtWindowEnd"),
    };

    // ---- The history ---------------------------------------------------------------------------------------------

    private PlannedCase PlanCase(Draft draft)
    {
        var steps = new List<PlannedStep>();
        void Add(double hours, Stage stage, Action<CaseRecorder, DateTimeOffset> run) => steps.Add(new PlannedStep(hours, stage, run));

        var catalogue = world.Catalogue;
        var actors = world.Actors;
        var timing = parameters["timing"];
        var texts = DemoTexts.For(draft.Category);
        var communityStaff = actors.CommunityStaff(draft.Community.Id);
        var units = world.UnitsOf(draft.Community.Id);

        var place = PlaceOf(draft, texts);
        var title = random.Pick(texts.Titles).Replace("{place}", place.Address, StringComparison.Ordinal);
        var description = random.Pick(texts.Descriptions);
        var reporter = new ReporterContact(random.Pick(DemoTexts.Surnames) + random.Pick(DemoTexts.GivenNames),
            (13800005000L + random.Next(5000)).ToString(CultureInfo.InvariantCulture));
        var resident = draft.Channel == "resident";
        var raiser = resident ? actors.Resident(draft.Community.Id, reporter.Name) : communityStaff;
        var reporterUserId = resident ? actors.ResidentLogin(draft.Community.Id, reporter.Name) : null;
        var limit = catalogue.HandleLimit(catalogue.ClassFor(draft.Category, draft.Urgency)).TotalHours;

        Add(0, Stage.Raised, (recorder, at) => recorder.OnNeed(
            new RaiseNeed(draft.Id, title, description, draft.Category, draft.Urgency, place, reporter, reporterUserId, draft.Channel, ExternalId: null), raiser, at));
        var accept = Math.Clamp(LogNormal(timing?["acceptMinutes"], 20, 120), 2, 12 * 60) / 60;
        Add(accept, Stage.Accepted, (recorder, at) => recorder.OnNeed(new AcceptNeed(HandlingClass: null), communityStaff, at));
        // The community works on it first, well inside its own limit (an emergency has two hours in all).
        var start = accept + Math.Min(LogNormal(timing?["communityAttemptHours"], 24, 72), 0.4 * limit);

        var path = draft.Path == "unit" && units.Count == 0 ? "community" : draft.Path;
        var compressible = true;
        double? caseLimit = null;
        if (path == "whistle")
        {
            Add(start, Stage.Community, (recorder, at) => recorder.OnNeed(new StartCommunityHandling(texts.CommunityPlan), communityStaff, at));
            var whistleAt = start + Math.Min(random.LogNormal(12, 48), 0.4 * limit);
            var level = random.Weighted(Numbers(parameters["whistle"]?["levels"]));
            var whistleType = random.Weighted(Numbers(parameters["whistle"]?["types"]));
            var tried = texts.Tried.ToList();
            random.Shuffle(tried);
            tried = tried.Take(1 + random.Next(tried.Count)).ToList();
            Add(whistleAt, Stage.WhistleBlown, (recorder, at) => recorder.BlowWhistle(level, whistleType, texts.WhistleReason, tried, communityStaff, at));
            caseLimit = PlanDepartments(Add, draft, texts, units, whistleAt + random.LogNormal(0.67, 3), level);
        }
        else
        {
            var unit = path == "unit" ? random.Pick(units) : null;
            var plan = unit is null ? texts.CommunityPlan : $"匹配共建单位「{unit.Name}」资源办理：{texts.CommunityPlan}";
            Add(start, Stage.Community, (recorder, at) => recorder.OnNeed(new StartCommunityHandling(plan), communityStaff, at));
            if (random.Chance(CommunityBreachRate))
            {
                // Nobody resolves it in time: the timer blows the whistle at the limit and the street dispatches the case.
                compressible = false;
                caseLimit = PlanDepartments(Add, draft, texts, units, accept + limit + random.LogNormal(0.67, 3), WhistleLevels.Street);
            }
            else
            {
                var resolveAt = start + (accept + 0.95 * limit - start) * random.Fraction(handleFraction.Alpha, handleFraction.Beta);
                var resolver = unit is null ? communityStaff : actors.Unit(unit.Id);
                var resolution = unit is null ? texts.Result : $"{unit.Name}：{texts.Result}";
                Add(resolveAt, Stage.Reported, (recorder, at) => recorder.OnNeed(new ResolveNeed(resolution, ResolutionSources.Community), resolver, at));
                // The community checks on site; for a need it handled itself that is no event.
                var verifyAt = resolveAt + LogNormal(timing?["verifyHours"], 12, 36);
                Add(verifyAt, Stage.Verified, (recorder, at) => recorder.AdvanceTo(at));
                var callbackAt = verifyAt + LogNormal(timing?["callbackHours"], 24, 72);
                var (resolved, satisfied) = Outcome(defaultProfile);
                var comment = Comment(satisfied);
                Add(callbackAt, Stage.Callback, (recorder, at) => recorder.OnNeed(new RecordFeedback(resolved, satisfied, comment), communityStaff, at));
                Add(callbackAt + LogNormal(timing?["closeHours"], 1, 4), Stage.Closed, (recorder, at) => recorder.OnNeed(new CloseNeed(), communityStaff, at));
            }
        }

        steps = steps.OrderBy(step => step.Hours).ToList();
        var available = (windowEnd - draft.RaisedAt).TotalHours;
        if (draft.Open)
        {
            var stages = Numbers(parameters["openAtWindowEnd"]?["stages"])
                .Select(entry => (Stage: StageOf(entry.Key), entry.Value))
                .Where(entry => CanStayAt(steps, entry.Stage, available, accept + limit, caseLimit))
                .ToList();
            if (stages.Count > 0)
            {
                var openAt = random.Weighted(stages);
                return new PlannedCase(draft.Id, draft.RaisedAt, steps.TakeWhile(step => step.Stage <= openAt).ToList());
            }
        }
        // A case meant to be finished by the window's end but planned past it is done faster, if that stays plausible.
        var end = steps[^1].Hours;
        if (end > available - 0.5 && compressible && (available - 0.5) / end >= 0.3)
            steps = steps.Select(step => step with { Hours = step.Hours * (available - 0.5) / end }).ToList();
        return new PlannedCase(draft.Id, draft.RaisedAt, steps);
    }

    /// <summary>
    /// Whether the history can plausibly stop at <paramref name="stage"/> and still be there at the window's end: the
    /// stage is reached by then, and it has not lasted longer than such a stage lasts (a community within its own limit,
    /// a whistle up to a day for dispatch or signatures, a department up to twice its limit, a result up to a week for
    /// its check and callback). Anything longer would have the timers, or common sense, tell a different story.
    /// </summary>
    private static bool CanStayAt(List<PlannedStep> steps, Stage stage, double available, double needDeadline, double? caseLimit)
    {
        var kept = steps.TakeWhile(step => step.Stage <= stage).ToList();
        if (kept.Count == steps.Count || kept[^1].Hours > available) return false;
        var lasted = available - kept[^1].Hours;
        return kept[^1].Stage switch
        {
            Stage.Accepted or Stage.Community => needDeadline > available,
            Stage.WhistleBlown or Stage.Dispatched => lasted <= 24,
            Stage.Signed => caseLimit is { } limit && lasted <= 2 * limit,
            Stage.Reported => lasted <= 5 * 24,
            Stage.Verified => lasted <= 7 * 24,
            _ => false,
        };
    }

    /// <summary>From the dispatch on: the departments sign (a few late), note progress, report (a few late), the
    /// community verifies and calls the reporter back; a share of the dissatisfied are handled again; the street closes.
    /// Returns the case's handling limit in hours.</summary>
    private double PlanDepartments(
        Action<double, Stage, Action<CaseRecorder, DateTimeOffset>> add, Draft draft, CategoryTexts texts, IReadOnlyList<DemoUnit> units, double dispatchAt, string level)
    {
        var catalogue = world.Catalogue;
        var actors = world.Actors;
        var timing = parameters["timing"];
        var communityStaff = actors.CommunityStaff(draft.Community.Id);
        var streetStaff = actors.StreetStaff(draft.Street.Id);

        var (lead, candidates) = DepartmentsFor(draft.Category, draft.Street, level);
        var assistCount = int.Parse(random.Weighted(Numbers(parameters["whistle"]?["assistDepartments"])), CultureInfo.InvariantCulture);
        random.Shuffle(candidates);
        var assisting = candidates.Take(assistCount).ToList();
        IReadOnlyList<string> joining = units.Count > 0 && random.Chance(UnitJoinsShare) ? [random.Pick(units).Id] : [];
        var handlingClass = catalogue.ClassFor(draft.Category, draft.Urgency);
        // handlingClass: 多部门协同的有25%升为complex.
        if (assisting.Count > 0 && handlingClass != "emergency" && random.Chance(0.25)) handlingClass = "complex";
        var limit = catalogue.HandleLimit(handlingClass).TotalHours;
        var dispatcher = level == WhistleLevels.District ? actors.DistrictAdmin : streetStaff;
        var note = $"{NameOf(lead)}牵头办理" + (assisting.Count > 0 ? $"，{string.Join("、", assisting.Select(NameOf))}协办" : "") + "。";
        add(dispatchAt, Stage.Dispatched, (recorder, at) => recorder.OnCase(new DispatchCase(lead, assisting, joining, handlingClass, note), dispatcher, at));

        List<string> departments = [lead, .. assisting];
        var lastSign = dispatchAt;
        foreach (var departmentId in departments)
        {
            var signAt = dispatchAt + (random.Chance(ProfileOf(departmentId).SignBreachRate)
                ? 1 + random.LogNormal(1.5, 4)
                : Math.Clamp(LogNormal(timing?["signMinutes"], 25, 55), 2, 58) / 60);
            lastSign = Math.Max(lastSign, signAt);
            add(signAt, Stage.Signed, (recorder, at) => recorder.OnCase(new SignCase(departmentId, ContactedReporter: true), actors.Department(departmentId), at));
        }

        var leadProfile = ProfileOf(lead);
        var reportAt = random.Chance(leadProfile.HandleBreachRate)
            ? dispatchAt + limit * random.Uniform(1.05, 1.5)
            : dispatchAt + limit * random.Fraction(handleFraction.Alpha, handleFraction.Beta);
        reportAt = Math.Max(reportAt, lastSign + 1.0 / 6);
        var notes = 1 + random.Next(2);
        for (var i = 0; i < notes; i++)
        {
            var noteAt = lastSign + (reportAt - lastSign) * random.Uniform(0.15, 0.85);
            var by = random.Pick(departments);
            var progress = texts.Progress[i % texts.Progress.Length];
            add(noteAt, Stage.Signed, (recorder, at) => recorder.OnCase(new NoteProgress(by, progress), actors.Department(by), at));
        }
        add(reportAt, Stage.Reported, (recorder, at) => recorder.OnCase(new ReportHandled(lead, texts.Result), actors.Department(lead), at));
        var verifyAt = reportAt + LogNormal(timing?["verifyHours"], 12, 36);
        add(verifyAt, Stage.Verified, (recorder, at) => recorder.OnCase(new VerifyCase(true, VerifyNote), communityStaff, at));
        var callbackAt = verifyAt + LogNormal(timing?["callbackHours"], 24, 72);
        var (resolved, satisfied) = Outcome(leadProfile);
        var comment = Comment(satisfied);
        add(callbackAt, Stage.Callback, (recorder, at) => recorder.OnCase(new RecordCallback(resolved, satisfied, comment), communityStaff, at));

        if (!(resolved && satisfied) && random.Chance(ReopenShareOfDissatisfied))
        {
            // 重办: back to the lead department with a new limit; the second round ends the matter.
            var reopenAt = callbackAt + random.LogNormal(2, 8);
            var reason = random.Pick(DemoTexts.ReopenReasons);
            add(reopenAt, Stage.Callback, (recorder, at) => recorder.OnCase(new ReopenCase(reason), streetStaff, at));
            var secondReportAt = reopenAt + limit * random.Fraction(handleFraction.Alpha, handleFraction.Beta);
            add((reopenAt + secondReportAt) / 2, Stage.Callback,
                (recorder, at) => recorder.OnCase(new NoteProgress(lead, "根据回访意见重新办理。"), actors.Department(lead), at));
            add(secondReportAt, Stage.Callback, (recorder, at) => recorder.OnCase(new ReportHandled(lead, texts.Result), actors.Department(lead), at));
            var secondVerifyAt = secondReportAt + LogNormal(timing?["verifyHours"], 12, 36);
            add(secondVerifyAt, Stage.Callback, (recorder, at) => recorder.OnCase(new VerifyCase(true, VerifyNote), communityStaff, at));
            callbackAt = secondVerifyAt + LogNormal(timing?["callbackHours"], 24, 72);
            var secondResolved = random.Chance(0.85);
            var secondSatisfied = secondResolved ? random.Chance(0.85) : random.Chance(0.25);
            var secondComment = Comment(secondSatisfied);
            add(callbackAt, Stage.Callback,
                (recorder, at) => recorder.OnCase(new RecordCallback(secondResolved, secondSatisfied, secondComment), communityStaff, at));
        }
        add(callbackAt + LogNormal(timing?["closeHours"], 1, 4), Stage.Closed, (recorder, at) => recorder.OnCase(new CloseCase(), streetStaff, at));
        return limit;
    }

    /// <summary>
    /// whistle.leadDepartment: at street level the street's own department of a fitting kind when the street has one,
    /// otherwise the first district department the catalogue names for the category. Assisting departments come from
    /// the rest of both.
    /// </summary>
    private (string Lead, List<string> Candidates) DepartmentsFor(string category, DemoStreet street, string level)
    {
        var streetDepartments = world.StreetDepartments(street.Id).ToList();
        var streetFitting = world.StreetDepartmentTypes(category)
            .Select(type => streetDepartments.FirstOrDefault(department => department.StreetDepartmentType == type))
            .OfType<DemoDepartment>()
            .Select(department => department.Id)
            .ToList();
        var districtFitting = (world.Catalogue.FindCategory(category)?.TypicalDepartments ?? [])
            .Where(id => world.Department(id) is { Level: "district" })
            .ToList();
        var lead = level == WhistleLevels.Street && streetFitting.Count > 0
            ? streetFitting[0]
            : districtFitting.FirstOrDefault()
                ?? streetFitting.FirstOrDefault()
                ?? streetDepartments.FirstOrDefault(department => department.StreetDepartmentType == "cgk")?.Id
                ?? world.Departments[0].Id;
        return (lead, districtFitting.Concat(streetFitting).Where(id => id != lead).Distinct().ToList());
    }

    private string NameOf(string departmentId) => world.Department(departmentId) is { } department ? department.ShortName ?? department.Name : departmentId;

    private Profile ProfileOf(string departmentId)
    {
        if (parameters["departmentProfiles"]?[departmentId] is not JsonObject profile) return defaultProfile;
        return new Profile(
            Number(profile["signBreachRate"], defaultProfile.SignBreachRate),
            Number(profile["handleBreachRate"], defaultProfile.HandleBreachRate),
            Number(profile["resolvedRate"], defaultProfile.ResolvedRate),
            Number(profile["satisfiedRate"], defaultProfile.SatisfiedRate));
    }

    /// <summary>outcomes: resolved by the department's rate; satisfied mostly when resolved, the department's
    /// satisfaction rate tilting it against the default's.</summary>
    private (bool Resolved, bool Satisfied) Outcome(Profile profile)
    {
        var outcomes = parameters["outcomes"];
        var resolved = random.Chance(profile.ResolvedRate);
        var satisfied = resolved
            ? random.Chance(Math.Min(0.99, Number(outcomes?["satisfiedIfResolved"], 0.93) * profile.SatisfiedRate / defaultProfile.SatisfiedRate))
            : random.Chance(Number(outcomes?["satisfiedIfUnresolved"], 0.25));
        return (resolved, satisfied);
    }

    private string? Comment(bool satisfied) => satisfied ? random.Pick(DemoTexts.SatisfiedComments) : random.Pick(DemoTexts.DissatisfiedComments);

    /// <summary>locations: a grid of the community, a building in it (or none: a public spot of the 小区).</summary>
    private Place PlaceOf(Draft draft, CategoryTexts texts)
    {
        var community = draft.Community;
        var grids = community.Grids ?? [];
        var grid = grids.Count > 0 ? random.Pick(grids) : null;
        var buildings = grid?.Buildings ?? [];
        var building = buildings.Count > 0 && (texts.InBuilding || random.Chance(BuildingShare)) ? random.Pick(buildings) : null;
        var xiaoquId = (building ?? buildings.FirstOrDefault())?.XiaoquId;
        var xiaoqu = community.Xiaoqu?.FirstOrDefault(xiaoqu => xiaoqu.Id == xiaoquId)?.Name ?? community.ShortName ?? community.Name;
        var address = building is not null ? xiaoqu + building.Name : xiaoqu + random.Pick(DemoTexts.PublicSpots);
        return new Place(draft.Street.Id, community.Id, grid?.Id, building?.Id, address);
    }

    private double LogNormal(JsonNode? spread, double median, double p90)
    {
        var fileMedian = Number(spread?["median"], median);
        return random.LogNormal(fileMedian, Number(spread?["p90"], spread?["median"] is null ? p90 : 3 * fileMedian));
    }

    // ---- Reading the parameters ----------------------------------------------------------------------------------

    /// <summary>The numeric entries of an object, in file order (a "note" beside them is left out).</summary>
    private static List<(string Key, double Value)> Numbers(JsonNode? node) =>
        node is JsonObject entries
            ? entries.Where(entry => entry.Value is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
                .Select(entry => (entry.Key, entry.Value!.GetValue<double>()))
                .ToList()
            : [];

    private static double Number(JsonNode? node, double fallback) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : fallback;

    private static List<string> Strings(JsonNode? node) => node is JsonArray items ? items.Select(item => (string)item!).ToList() : [];

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture) : null;
}
