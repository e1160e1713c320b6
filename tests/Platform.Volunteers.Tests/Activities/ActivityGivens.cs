namespace Platform.Volunteers.Tests.Activities;

/// <summary>富民街's 环境卫生整治 (seed 003): Saturday 9:00–11:00 at 富民街 1 号院, two places, one post.</summary>
internal static class ActivityGivens
{
    internal const string ActivityId = "AV-1";
    internal const string Organizer = "fumin-staff";
    internal const string Code = "482913";

    internal static readonly DateTimeOffset Starts = new(2026, 4, 11, 9, 0, 0, TimeSpan.FromHours(8));
    internal static readonly DateTimeOffset Ends = Starts.AddHours(2);
    internal static readonly DateTimeOffset DayBefore = Starts.AddDays(-1);

    internal static readonly DeciderSpecification<ActivityCommand, ActivityEvent, Activity> Spec = new(ActivityDecider.Decider, Organizer, DayBefore);

    internal static ActivityScheduled Scheduled(int capacity = 2, string? teamId = null) => new(
        ActivityId, "环境卫生整治", "env-cleanup", "fumin", "fuminjie", teamId, new ActivityPlace("富民街 1 号院", null, null), Starts, Ends, capacity,
        ["清扫"], null, Organizer, DayBefore.AddDays(-3));

    internal static VolunteerSignedUp SignedUp(string volunteerId, string name, bool waitlisted = false) =>
        new(ActivityId, volunteerId, name, "清扫", waitlisted, volunteerId, DayBefore);

    internal static CheckInCodeIssued CodeShown() => new(ActivityId, ActivityDecider.HashOf(ActivityId, Code), Organizer, Starts.AddMinutes(-20));

    internal static VolunteerCheckedIn In(string volunteerId, int minutesAfterStart) => new(ActivityId, volunteerId, volunteerId, Starts.AddMinutes(minutesAfterStart));

    internal static VolunteerCheckedOut Out(string volunteerId, int minutesAfterStart) => new(ActivityId, volunteerId, volunteerId, Starts.AddMinutes(minutesAfterStart));
}
