namespace Platform.Resources.Contributions;

/// <summary>The kinds the contributions ledger keeps apart: an hour of service and a yuan never add up.</summary>
public static class LedgerKinds
{
    public const string Hours = "hours";
    public const string Money = "money";
    public const string Items = "items";
    public const string VenueTime = "venue-time";
    public const string Activities = "activities";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Hours] = "服务时长", [Money] = "资金", [Items] = "物资", [VenueTime] = "场地时间", [Activities] = "活动与人次",
    };

    /// <summary>The kind a contribution is posted under, from the measure it is counted in (the agreement's measures).</summary>
    public static string Of(string measure) => measure switch
    {
        "hours" => Hours,
        "yuan" => Money,
        "items" or "servings" => Items,
        "half-days" => VenueTime,
        "activities" or "people" => Activities,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "not a contribution measure"),
    };
}

/// <summary>The contributions ledger's accounts: a unit gives, a community receives (the kernel's double entry keeps
/// every posting balanced).</summary>
public static class Ledger
{
    public static string UnitAccount(string unitId) => $"unit:{unitId}";

    public static string CommunityAccount(string communityId) => $"community:{communityId}";
}
