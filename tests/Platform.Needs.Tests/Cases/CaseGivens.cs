
namespace Platform.Needs.Tests.Cases;

/// <summary>The events and commands the Cases use-case tests start from.</summary>
internal static class CaseGivens
{
    internal const string CaseId = "case-0001";
    internal const string NeedId = "need-0001";
    internal const string Lead = "dept-szsr";
    internal const string Assisting = "dept-cgzf";
    internal const string Outsider = "dept-gaj";

    internal static readonly DeciderSpecification<CaseCommand, CaseEvent, WhistleCase> Spec = new(WhistleCaseDecider.For(Decisions.Catalogue), Decisions.Actor, Decisions.Now);

    internal static readonly Place ThePlace = new("street-1", "community-1", "grid-1", null, "幸福路 1 号");

    internal static readonly DateTimeOffset BlownAt = Now.AddHours(-3);

    /// <summary>Dispatched half an hour ago: the departments still have half an hour to sign.</summary>
    internal static readonly DateTimeOffset DispatchedAt = Now.AddMinutes(-30);

    internal static readonly DateTimeOffset SignBy = DispatchedAt.AddHours(1);

    internal static readonly DateTimeOffset HandleBy = DispatchedAt.AddHours(168);

    internal static WhistleBlown Blown(string level = WhistleLevels.Street, string category = "env", string urgency = "normal") => new(
        CaseId, NeedId, "垃圾桶满溢", category, urgency, ThePlace, level, "routine", "社区协调物业未果", ["两次约谈物业"], false, "staff-community-1", BlownAt);

    internal static CaseDispatched Dispatched(string level = WhistleLevels.Street) => new(
        CaseId, level, Lead, [Assisting], ["unit-1"], "general", 1, SignBy, HandleBy, "请尽快处理", "staff-street-1", DispatchedAt);

    internal static DepartmentSigned Signed(string department) =>
        new(CaseId, department, true, true, SignBy, DispatchedAt, $"staff-{department}", DispatchedAt.AddMinutes(10));

    internal static CaseReported Reported() =>
        new(CaseId, Lead, "已清运。", true, HandleBy, DispatchedAt, "staff-lead", Now.AddMinutes(-20));

    internal static CaseVerified Verified(bool passed = true) => new(CaseId, passed, "现场已清理。", "staff-community-1", Now.AddMinutes(-15));

    internal static CallbackRecorded CallbackDone(bool resolved, bool satisfied) =>
        new(CaseId, resolved, satisfied, null, Lead, [Lead, Assisting], "staff-community-1", Now.AddMinutes(-10));

    internal static CaseReopened Reopened() => new(CaseId, "又满了", 2, Now.AddHours(160), "staff-community-1", Now.AddMinutes(-5));

    internal static TransferRequested TransferAskedBy(string department) =>
        new(CaseId, department, "不属于本部门职责", null, $"staff-{department}", Now.AddMinutes(-5));

    /// <summary>A case in handling: blown, dispatched, signed by the lead.</summary>
    internal static CaseEvent[] InHandling(string level = WhistleLevels.Street) => [Blown(level), Dispatched(level), Signed(Lead)];

    internal static CaseEvent[] AtCallback(bool resolved, bool satisfied) =>
        [.. InHandling(), Signed(Assisting), Reported(), Verified(), CallbackDone(resolved, satisfied)];

    internal static BlowWhistle ValidBlow() =>
        new(CaseId, NeedId, "垃圾桶满溢", "env", "normal", ThePlace, WhistleLevels.Street, "routine", " 社区协调物业未果 ", [" 两次约谈物业 "], false);
}
