using Platform.Needs.Cases;
using Platform.Needs.NeedList;

namespace Platform.DemoLoader.Needs;

/// <summary>A seed step the rules refuse at the seed's time, moved to the nearest time they accept.</summary>
public sealed record SeedAdjustment(string CaseId, int Step, double AtHours, string Why);

/// <summary>
/// The 13 seed cases of cases.json, step by step through the deciders. Steps keep their times (counted from the case's
/// startAt) and actors; a step with no counterpart in the rules is left out, and says so in the case's notes.
/// </summary>
internal static class SeedCases
{
    /// <summary>Where a seed timeline breaks a time limit it does not mean to break, the step moves just inside it.</summary>
    public static readonly IReadOnlyList<SeedAdjustment> Adjustments =
    [
        new("c-xhnl-002", 4, 24.0,
            "the need was accepted as utility (24 h) at 0.4 h, so the community's limit ran out at 24.4 h and the timer would have " +
            "blown an automatic whistle before the seed's manual one at 30 h; the whistle moves to 24 h, the dispatch stays at 31 h"),
        new("c-fmj-003", 6, 2.0,
            "an emergency accepted at 0.2 h has 2 h; the seed reports the new cover at 27 h, which would have blown an automatic " +
            "whistle the seed says never happened (不吹哨); the report moves to 2 h, right after the temporary cover at 1.5 h"),
    ];

    private const string DefaultVerifyNote = "社区现场核实，办理结果属实。";

    private static readonly HashSet<string> ProgressSteps =
        ["progress", "site_survey", "site_meeting", "unit_joined", "opinions_collected", "plan_agreed"];

    public static DemoCase Record(SeedCase seed, DemoWorld world, DemoTimeShift shift)
    {
        var recorder = new CaseRecorder(seed.Id, world.Catalogue);
        var actors = world.Actors;
        foreach (var step in seed.Timeline.OrderBy(step => step.Step))
        {
            var adjustment = Adjustments.FirstOrDefault(adjustment => adjustment.CaseId == seed.Id && adjustment.Step == step.Step);
            var hours = adjustment?.AtHours ?? step.AtHours;
            if (adjustment is not null) recorder.Note($"step {step.Step} ({step.Type}) at {hours} h instead of {step.AtHours} h: {adjustment.Why}");
            var at = seed.StartAt + TimeSpan.FromSeconds(Math.Round(hours * 3600)) + shift.Offset;
            if (at > shift.NotAfter) break;
            // A resident raising a need is the reporter: the demo login of that name, if there is one.
            var actor = step.Actor is { Role: "resident" } resident ? actors.Resident(resident.ScopeId ?? seed.CommunityId, seed.Reporter.Name) : actors.Of(step.Actor);
            var whistleCase = recorder.Case;

            switch (step.Type)
            {
                case "raised":
                    recorder.OnNeed(Raise(seed, world, step), actor, at);
                    break;
                case "accepted":
                    recorder.OnNeed(new AcceptNeed(step.HandlingClass), actor, at);
                    break;
                case "community_attempt" or "deliberated" or "resource_matched":
                    if (recorder.Need.Status == NeedStatus.Accepted) recorder.OnNeed(new StartCommunityHandling(PlanOf(step, world)), actor, at);
                    else Skip(recorder, step, "the community is already handling the need");
                    break;
                case "whistle_blown":
                    recorder.BlowWhistle(step.Level!, step.WhistleType!, step.Reason ?? step.Note ?? "", step.TriedByCommunity ?? [], actor, at);
                    break;
                case "escalated" when step.Auto == true:
                    // The escalation a breach causes comes with the breach (MarkCaseOverdue decides both).
                    recorder.AdvanceTo(at);
                    if (recorder.Case?.Level != step.ToLevel) recorder.Note($"step {step.Step} (escalated): the rules left the case at {recorder.Case?.Level}, the seed says {step.ToLevel}");
                    break;
                case "escalated":
                    recorder.OnCase(new EscalateCase(step.Reason ?? step.Note), actor, at);
                    break;
                case "dispatched":
                    recorder.OnCase(new DispatchCase(step.LeadDepartmentId, step.AssistDepartmentIds ?? [], step.ParticipatingUnitIds ?? [], step.HandlingClass, step.Note), actor, at);
                    break;
                case "signed":
                    recorder.OnCase(new SignCase(step.DepartmentId!, step.ContactedReporter ?? true), actor, at);
                    break;
                case var type when ProgressSteps.Contains(type):
                    if (whistleCase is { Status: CaseStatus.InHandling } handling)
                    {
                        var departmentId = step.Actor is { Role: "department_staff", ScopeId: { } scope } && handling.SignedDepartmentIds.Contains(scope)
                            ? scope
                            : handling.LeadDepartmentId!;
                        recorder.OnCase(new NoteProgress(departmentId, ProgressNoteOf(step, world)), actors.Department(departmentId), at);
                    }
                    else
                    {
                        Skip(recorder, step, whistleCase is null
                            ? "a need handled in the community has no progress event"
                            : $"the case is {CaseStatusNames.Code(whistleCase.Status)}, progress is noted only while it is handled");
                    }
                    break;
                case "sla_breached":
                    // The breach is the timer's: it fires at the limit the rules computed, which the seed's time must match.
                    recorder.AdvanceTo(at);
                    if (!Breached(recorder.Case, step)) recorder.Note($"step {step.Step} (sla_breached): no {step.Limit} limit had run out by then");
                    break;
                case "project_linked":
                    recorder.OnNeed(new MatchNeedToProject(step.ProjectId!, world.ProjectTitle(step.ProjectId!)), actor, at);
                    break;
                case "reported" when whistleCase is not null:
                    var reporting = step.Actor is { Role: "department_staff", ScopeId: { } department } && department == whistleCase.LeadDepartmentId
                        ? department
                        : whistleCase.LeadDepartmentId!;
                    recorder.OnCase(new ReportHandled(reporting, step.Result), actor, at);
                    break;
                case "reported":
                    var source = recorder.Need.Status == NeedStatus.InProject ? ResolutionSources.Project : ResolutionSources.Community;
                    recorder.OnNeed(new ResolveNeed(step.Result, source), actor, at);
                    break;
                case "verified" when whistleCase is not null:
                    recorder.OnCase(new VerifyCase(step.Passed ?? true, step.Note ?? DefaultVerifyNote), actor, at);
                    break;
                case "callback" when whistleCase is not null:
                    recorder.OnCase(new RecordCallback(step.Resolved, step.Satisfied, step.Comment), actor, at);
                    break;
                case "callback":
                    recorder.OnNeed(new RecordFeedback(step.Resolved, step.Satisfied, step.Comment), actor, at);
                    break;
                case "closed" when whistleCase is not null:
                    recorder.OnCase(new CloseCase(), actor, at);
                    break;
                case "closed":
                    recorder.OnNeed(new CloseNeed(), actor, at);
                    break;
                case "verified" or "evaluated" or "unit_claimed":
                    // A community's own check, the evaluation (scores are computed from the events) and a unit taking
                    // up a matched resource are not events of the need.
                    recorder.AdvanceTo(at);
                    break;
                default:
                    Skip(recorder, step, "no command of the Needs service matches this step type");
                    recorder.AdvanceTo(at);
                    break;
            }
        }
        recorder.AdvanceTo(shift.NotAfter);
        return recorder.Finish(isSeed: true);
    }

    private static RaiseNeed Raise(SeedCase seed, DemoWorld world, SeedStep step)
    {
        var location = seed.Location;
        var place = new Place(seed.StreetId, seed.CommunityId, location.GridId, location.BuildingIds?.FirstOrDefault(), AddressOf(seed, world));
        var reporterUserId = step.Actor?.Role == "resident" ? world.Actors.ResidentLogin(seed.CommunityId, seed.Reporter.Name) : null;
        return new RaiseNeed(seed.Id, seed.Title, seed.Description, seed.Category, seed.Urgency, place,
            new ReporterContact(seed.Reporter.Name, seed.Reporter.Phone), reporterUserId, DemoChannels.CodeOf(seed.Channel), ExternalId: null);
    }

    /// <summary>The seed's place, with the name of its 小区 in front when the place does not already say it.</summary>
    private static string? AddressOf(SeedCase seed, DemoWorld world)
    {
        var place = seed.Location.Place;
        var xiaoqu = world.Community(seed.CommunityId).Xiaoqu?.FirstOrDefault(xiaoqu => xiaoqu.Id == seed.Location.XiaoquId)?.Name;
        if (xiaoqu is null || place?.Contains(xiaoqu, StringComparison.Ordinal) == true) return place;
        return xiaoqu + place;
    }

    private static string PlanOf(SeedStep step, DemoWorld world)
    {
        var plan = step.Note ?? "社区组织协商办理。";
        return step.UnitId is { } unitId ? $"{plan}（共建单位：{world.UnitName(unitId)}）" : plan;
    }

    private static string ProgressNoteOf(SeedStep step, DemoWorld world)
    {
        var note = step.Note ?? step.Type switch
        {
            "unit_joined" => $"共建单位{string.Join("、", (step.UnitIds ?? []).Select(world.UnitName))}加入办理。",
            "site_survey" => "现场踏勘。",
            "site_meeting" => "现场会商。",
            "opinions_collected" => "征求居民意见。",
            "plan_agreed" => "议定办理方案。",
            _ => "办理中。",
        };
        return step.Plan is { Count: > 0 } plan ? $"{note}：{string.Join("；", plan)}" : note;
    }

    private static bool Breached(WhistleCase? whistleCase, SeedStep step) =>
        whistleCase is not null && whistleCase.BreachedDeadlines.Any(key => key.StartsWith(step.Limit == "sign" ? $"sign:{step.DepartmentId}:" : "handle:", StringComparison.Ordinal));

    private static void Skip(CaseRecorder recorder, SeedStep step, string why) => recorder.Note($"step {step.Step} ({step.Type}) left out: {why}");
}

/// <summary>cases.json names channels as the console shows them; the catalogue knows them by code.</summary>
internal static class DemoChannels
{
    private static readonly Dictionary<string, string> Codes = new()
    {
        ["居民上报"] = "resident",
        ["网格员"] = "grid",
        ["12345热线"] = "hotline",
        ["社区工作人员"] = "staff",
    };

    public static string CodeOf(string channel) => Codes.GetValueOrDefault(channel, channel);
}
