namespace Platform.Volunteers.Hours;

/// <summary>One volunteer's presence at an activity, as check-in and check-out recorded it.</summary>
/// <param name="RecordedByOrganizer">A walk-in the organizer logged: their time is the organizer's word, not a code's.</param>
/// <param name="CheckOutClosed">The check-out was missing past the grace period, and the timer closed it at the activity's end.</param>
public sealed record Presence(string VolunteerId, DateTimeOffset CheckedInAt, DateTimeOffset? CheckedOutAt, bool RecordedByOrganizer, bool CheckOutClosed = false);

/// <summary>What one presence earns: minutes, points, the ledger kind, and why it was cut or flagged.</summary>
/// <param name="ClosedAt">Set when the check-out was missing past the grace period and closed itself at the activity's end.</param>
public sealed record VerifiedService(string VolunteerId, int Minutes, decimal Points, string Kind, DateTimeOffset? ClosedAt, string? Note)
{
    public decimal Hours => Minutes / 60m;
}

/// <summary>
/// The one place that decides how much service counts (the handlers, the demo and the tests call it). Minutes run from
/// check-in to check-out within the activity's time, rounded to the minute; under the minimum share of the activity's
/// length nothing counts; a check-out missing past the grace period closes at the activity's end and is flagged; one
/// activity credits at most the configured hours.
/// </summary>
public static class ServiceHours
{
    public static VerifiedService Verify(Presence presence, DateTimeOffset startsAt, DateTimeOffset endsAt, string? serviceKind, ServiceRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(presence);
        ArgumentNullException.ThrowIfNull(rules);
        var kind = presence.RecordedByOrganizer ? ServiceLedger.RecordedHours : ServiceLedger.CheckedHours;
        DateTimeOffset? closedAt = null;
        var checkedOutAt = presence.CheckedOutAt;
        if (checkedOutAt is null)
        {
            if (now < endsAt + rules.CheckOutGrace)
                return new VerifiedService(presence.VolunteerId, 0, 0, kind, null, "尚未签退");
            checkedOutAt = closedAt = endsAt;
        }
        else if (presence.CheckOutClosed)
        {
            closedAt = checkedOutAt;
        }
        var from = presence.CheckedInAt > startsAt ? presence.CheckedInAt : startsAt;
        var until = checkedOutAt.Value < endsAt ? checkedOutAt.Value : endsAt;
        var minutes = until <= from ? 0 : (int)Math.Round((until - from).TotalMinutes, MidpointRounding.AwayFromZero);
        var lengthMinutes = (decimal)(endsAt - startsAt).TotalMinutes;
        var flag = closedAt is null ? null : $"未签退，活动结束 {rules.CheckOutGrace.TotalHours:0} 小时后按结束时间自动签退";
        if (minutes < lengthMinutes * rules.MinimumAttendanceShare)
            return new VerifiedService(presence.VolunteerId, 0, 0, kind, closedAt,
                Join(flag, $"在场 {minutes} 分钟，不足活动时长的 {rules.MinimumAttendanceShare * 100:0.#}%，不计时长"));
        var capMinutes = (int)(rules.MostHoursPerActivity * 60);
        var capped = Math.Min(minutes, capMinutes);
        var points = PointsFor(capped, serviceKind, rules);
        return new VerifiedService(presence.VolunteerId, capped, points, kind, closedAt,
            Join(flag, capped < minutes ? $"超过每次活动最多 {rules.MostHoursPerActivity:0.#} 小时，按上限计" : null));
    }

    /// <summary>Points for credited minutes: the hours at the configured rate, and the kind's bonus once service counted at all.</summary>
    public static decimal PointsFor(int minutes, string? serviceKind, ServiceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (minutes <= 0) return 0;
        var bonus = serviceKind is not null ? rules.BonusPointsByKind.GetValueOrDefault(serviceKind) : 0;
        return Math.Round(minutes / 60m * rules.PointsPerHour + bonus, 2);
    }

    private static string? Join(string? first, string? second) => (first, second) switch
    {
        (null, _) => second,
        (_, null) => first,
        _ => $"{first}；{second}",
    };
}
