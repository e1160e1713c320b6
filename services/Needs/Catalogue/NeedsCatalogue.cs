namespace Platform.Needs.Catalogue;

/// <summary>
/// What a district configures: the categories of needs, the time limits by handling class, and how departments are
/// scored. Bound from the "Needs:Catalogue" section; appsettings.json carries the published defaults
/// (sign within 1 h; emergencies 2 h, utilities 24 h, general 7 days, complex 15 days; weights 0.3/0.4/0.3; a department
/// is ranked from 5 dispatched cases in the period).
/// </summary>
public sealed class NeedsCatalogue
{
    public const string SectionName = "Needs:Catalogue";

    public List<NeedCategory> Categories { get; set; } = [];

    public List<CodeName> Urgencies { get; set; } = [];

    public List<CodeName> Channels { get; set; } = [];

    public List<HandlingClass> HandlingClasses { get; set; } = [];

    public List<CodeName> WhistleTypes { get; set; } = [];

    /// <summary>Time a department has to sign (报到) once dispatched.</summary>
    public double SignWithinHours { get; set; } = 1;

    public ScoreWeights ScoreWeights { get; set; } = new();

    /// <summary>Dispatched cases a department needs in a period before it is ranked against the others.</summary>
    public int MinimumCasesToRank { get; set; } = 5;

    public NeedCategory? FindCategory(string? code) => Categories.FirstOrDefault(category => category.Code == code);

    public HandlingClass? FindClass(string? code) => HandlingClasses.FirstOrDefault(handling => handling.Code == code);

    public bool IsUrgency(string? code) => Urgencies.Any(urgency => urgency.Code == code);

    public bool IsChannel(string? code) => Channels.Any(channel => channel.Code == code);

    public bool IsWhistleType(string? code) => WhistleTypes.Any(type => type.Code == code);

    /// <summary>The class a need is handled under: an emergency is an emergency whatever its category; otherwise the
    /// category's default.</summary>
    public string ClassFor(string category, string urgency) =>
        urgency == "emergency" && FindClass("emergency") is not null ? "emergency" : FindCategory(category)?.DefaultClass ?? "general";

    public TimeSpan HandleLimit(string handlingClass) =>
        TimeSpan.FromHours(FindClass(handlingClass)?.HandleLimitHours ?? throw new ArgumentException($"unknown handling class {handlingClass}"));

    public TimeSpan SignLimit => TimeSpan.FromHours(SignWithinHours);

    /// <summary>Checks the configuration at start, so that a typo stops the host instead of a later command.</summary>
    public IEnumerable<string> Problems()
    {
        if (Categories.Count == 0) yield return "Needs:Catalogue:Categories is empty";
        if (HandlingClasses.Count == 0) yield return "Needs:Catalogue:HandlingClasses is empty";
        if (Urgencies.Count == 0) yield return "Needs:Catalogue:Urgencies is empty";
        if (SignWithinHours <= 0) yield return "Needs:Catalogue:SignWithinHours must be positive";
        foreach (var category in Categories.Where(category => FindClass(category.DefaultClass) is null))
            yield return $"category {category.Code} names unknown handling class {category.DefaultClass}";
        foreach (var handling in HandlingClasses.Where(handling => handling.HandleLimitHours <= 0))
            yield return $"handling class {handling.Code} needs a positive HandleLimitHours";
        if (MinimumCasesToRank < 1) yield return "Needs:Catalogue:MinimumCasesToRank must be at least 1";
        var weights = ScoreWeights.ResponseRate + ScoreWeights.ResolutionRate + ScoreWeights.SatisfactionRate;
        if (Math.Abs(weights - 1) > 0.001) yield return $"Needs:Catalogue:ScoreWeights must add up to 1 (they add up to {weights})";
    }
}

public sealed class CodeName
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
}

public sealed class NeedCategory
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string DefaultClass { get; set; } = "general";

    /// <summary>Departments that usually take this category, offered first when dispatching.</summary>
    public List<string> TypicalDepartments { get; set; } = [];
}

public sealed class HandlingClass
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public double HandleLimitHours { get; set; }
}

public sealed class ScoreWeights
{
    public double ResponseRate { get; set; } = 0.3;

    public double ResolutionRate { get; set; } = 0.4;

    public double SatisfactionRate { get; set; } = 0.3;
}
