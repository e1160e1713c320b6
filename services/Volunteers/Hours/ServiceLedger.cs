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

    /// <summary>A volunteer's account is outside its limits below zero: more was reversed or spent than was credited.</summary>
    public static bool OutsideLimits(decimal balance) => balance < 0;
}
