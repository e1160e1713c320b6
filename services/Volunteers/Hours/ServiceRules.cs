namespace Platform.Volunteers.Hours;

/// <summary>
/// How service turns into credited hours, points and stars: configuration (section "Volunteers:Rules"), handed to the
/// pure rules as a value. The defaults are the issue's: 60 % of an activity's length attended, 1 hour = 1 point, stars
/// at 100/300/600/1000/1500 hours with half a year of service for 1–2 stars and a year for 3–5.
/// </summary>
public sealed record ServiceRules
{
    public const string Section = "Volunteers:Rules";

    /// <summary>The part of an activity's length a volunteer must have been checked in for to be credited at all.</summary>
    public decimal MinimumAttendanceShare { get; init; } = 0.6m;

    /// <summary>The most hours one activity credits one volunteer, whatever its length.</summary>
    public decimal MostHoursPerActivity { get; init; } = 8;

    public decimal PointsPerHour { get; init; } = 1;

    /// <summary>Points on top of the hours for a kind of service (富民街's 服务积分制 weighs 巡逻 and 调解 above a meeting).</summary>
    public Dictionary<string, decimal> BonusPointsByKind { get; init; } = [];

    /// <summary>How long after an activity's end a missing check-out closes itself (at the end, flagged).</summary>
    public TimeSpan CheckOutGrace { get; init; } = TimeSpan.FromHours(24);

    // The lists are null unless configured: the configuration binder appends to a list that already holds defaults.

    /// <summary>Hours for 1 to 5 stars, ascending.</summary>
    public List<decimal>? StarHours { get; init; }

    /// <summary>Months of service (since the community confirmed the volunteer) each star also needs.</summary>
    public List<int>? StarMonths { get; init; }

    /// <summary>The months in which points are redeemed (年底兑换: December and January unless configured).</summary>
    public List<int>? RedemptionMonths { get; init; }

    public IReadOnlyList<decimal> HoursForStars => StarHours ?? [100, 300, 600, 1000, 1500];

    public IReadOnlyList<int> MonthsForStars => StarMonths ?? [6, 6, 12, 12, 12];

    public IReadOnlyList<int> MonthsOfRedemption => RedemptionMonths ?? [12, 1];

    public static readonly ServiceRules Default = new();
}
