namespace Platform.Volunteers.Hours;

/// <summary>
/// The two ledgers of service, each a double entry: the community's account gives what its volunteer's account
/// receives. Hours from check-in (签到核验) and hours the organizer recorded (组织者登记) are kinds of their own and never
/// add up unseen, as 志愿汇 keeps its credit and honour hours apart; points are a third kind.
/// </summary>
public static class ServiceLedger
{
    public const string CheckedHours = "checked-hours";
    public const string RecordedHours = "recorded-hours";
    public const string Points = "points";

    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CheckedHours] = "签到核验时长", [RecordedHours] = "组织者登记时长", [Points] = "服务积分",
    };

    public static string VolunteerAccount(string volunteerId) => $"volunteer:{volunteerId}";

    public static string CommunityAccount(string communityId) => $"community:{communityId}";

    /// <summary>
    /// The entries that credit a volunteer: the hours (in <paramref name="hoursKind"/>, rounded to the hundredth) and the
    /// points, each from the community to the volunteer, numbered on from <paramref name="entriesBefore"/> under
    /// <paramref name="sourceId"/> (the activity or wish).
    /// </summary>
    public static IReadOnlyList<LedgerEntry> Credit(
        string sourceId, int entriesBefore, string communityId, string volunteerId, string hoursKind, int minutes, decimal points)
    {
        var entries = new List<LedgerEntry>();
        var next = entriesBefore;
        var hours = Math.Round(minutes / 60m, 2);
        if (hours > 0)
            entries.Add(DoubleEntry.Transfer($"{sourceId}-E{++next}", hoursKind, CommunityAccount(communityId), VolunteerAccount(volunteerId), hours));
        if (points > 0)
            entries.Add(DoubleEntry.Transfer($"{sourceId}-E{++next}", Points, CommunityAccount(communityId), VolunteerAccount(volunteerId), points));
        return entries;
    }

    /// <summary>A volunteer's account is outside its limits below zero: more was reversed or spent than was credited.</summary>
    public static bool OutsideLimits(decimal balance) => balance < 0;
}
