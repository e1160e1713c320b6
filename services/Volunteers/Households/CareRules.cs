namespace Platform.Volunteers.Households;

/// <summary>How often each colour is visited (section "Volunteers:Care"): red weekly, yellow monthly, green quarterly
/// unless configured (seed 003's 每周、每月、每季度“百家熟”走访).</summary>
public sealed record CareRules
{
    public const string Section = "Volunteers:Care";

    public int RedEveryDays { get; init; } = 7;
    public int YellowEveryDays { get; init; } = 30;
    public int GreenEveryDays { get; init; } = 90;

    public static readonly CareRules Default = new();

    public int EveryDays(string colour) => colour switch
    {
        CareColours.Red => RedEveryDays,
        CareColours.Yellow => YellowEveryDays,
        _ => GreenEveryDays,
    };

    /// <summary>The day the next visit is due: the last visit (or the day care began) plus the colour's interval.</summary>
    public DateOnly NextVisitDue(string colour, DateOnly careSince, DateOnly? lastVisitOn) => (lastVisitOn ?? careSince).AddDays(EveryDays(colour));
}
