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

/// <summary>One side of an entry: what an account gave (negative) or received (positive).</summary>
public sealed record LedgerLine(string Account, decimal Amount);

/// <summary>A double entry: its lines always sum to zero, so that what units gave and what communities received agree
/// at every level it is added up at.</summary>
public sealed record LedgerEntry(string EntryId, string Kind, IReadOnlyList<LedgerLine> Lines);

/// <summary>The contributions ledger's rules, as TimeOverflow keeps its time bank: every movement is a transfer between
/// two accounts, and a mistake is undone by a reversing entry, never by changing or deleting one.</summary>
public static class Ledger
{
    public static string UnitAccount(string unitId) => $"unit:{unitId}";

    public static string CommunityAccount(string communityId) => $"community:{communityId}";

    /// <summary>The giver's account gives <paramref name="amount"/>, the receiver's receives it.</summary>
    public static LedgerEntry Transfer(string entryId, string kind, string giver, string receiver, decimal amount) =>
        amount <= 0
            ? throw new ArgumentOutOfRangeException(nameof(amount), amount, "a transfer moves a positive amount")
            : new LedgerEntry(entryId, kind, [new LedgerLine(giver, -amount), new LedgerLine(receiver, amount)]);

    /// <summary>The entry that takes <paramref name="entry"/> back, line for line.</summary>
    public static LedgerEntry Reversal(LedgerEntry entry, string entryId) =>
        new(entryId, entry.Kind, [.. entry.Lines.Select(line => line with { Amount = -line.Amount })]);

    public static bool SumsToZero(LedgerEntry entry) => entry.Lines.Sum(line => line.Amount) == 0;

    /// <summary>Each account's balance in each kind: the sum of its lines.</summary>
    public static IReadOnlyDictionary<(string Account, string Kind), decimal> Balances(IEnumerable<LedgerEntry> entries) =>
        entries.SelectMany(entry => entry.Lines.Select(line => (Key: (line.Account, entry.Kind), line.Amount)))
            .GroupBy(line => line.Key)
            .ToDictionary(group => group.Key, group => group.Sum(line => line.Amount));
}
