namespace Platform.Kernel.Ledgers;

/// <summary>One side of an entry: what an account gave (negative) or received (positive).</summary>
public sealed record LedgerLine(string Account, decimal Amount);

/// <summary>A double entry in one kind of amount (hours, yuan, points …): its lines always sum to zero, so that every
/// total the ledger is added up to (by giver, by receiver, by place) agrees with every other.</summary>
public sealed record LedgerEntry(string EntryId, string Kind, IReadOnlyList<LedgerLine> Lines);

/// <summary>
/// Double-entry bookkeeping as a time bank keeps it: every movement is a transfer between two accounts, a balance is
/// the sum of an account's lines, and a mistake is undone by a reversing entry, never by changing or deleting one.
/// The services name their own accounts and kinds.
/// </summary>
public static class DoubleEntry
{
    /// <summary>The giver's account gives <paramref name="amount"/>, the receiver's receives it.</summary>
    public static LedgerEntry Transfer(string entryId, string kind, string giver, string receiver, decimal amount) =>
        amount <= 0
            ? throw new ArgumentOutOfRangeException(nameof(amount), amount, "a transfer moves a positive amount")
            : new LedgerEntry(entryId, kind, [new LedgerLine(giver, -amount), new LedgerLine(receiver, amount)]);

    /// <summary>The entry that takes <paramref name="entry"/> back, line for line.</summary>
    public static LedgerEntry Reversal(LedgerEntry entry, string entryId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LedgerEntry(entryId, entry.Kind, [.. entry.Lines.Select(line => line with { Amount = -line.Amount })]);
    }

    public static bool SumsToZero(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Lines.Sum(line => line.Amount) == 0;
    }

    /// <summary>Each account's balance in each kind: the sum of its lines.</summary>
    public static IReadOnlyDictionary<(string Account, string Kind), decimal> Balances(IEnumerable<LedgerEntry> entries) =>
        entries.SelectMany(entry => entry.Lines.Select(line => (Key: (line.Account, entry.Kind), line.Amount)))
            .GroupBy(line => line.Key)
            .ToDictionary(group => group.Key, group => group.Sum(line => line.Amount));
}
