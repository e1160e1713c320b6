using Platform.Kernel;
using Platform.Kernel.Deciding;
using Platform.Kernel.Errors;

namespace Platform.EventSourcing.Tests.Commands;

// A small aggregate of no domain of ours, written as a service writes one on the kernel: closed sets of commands and
// events, and a decider whose switches name every case.

[ClosedHierarchy]
public abstract record LedgerCommand
{
    private protected LedgerCommand() { }
}

public sealed record OpenLedger(string Owner) : LedgerCommand;

public sealed record Deposit(decimal Amount) : LedgerCommand;

public sealed record Withdraw(decimal Amount) : LedgerCommand;

[ClosedHierarchy]
public abstract record LedgerEvent
{
    private protected LedgerEvent() { }
}

public sealed record LedgerOpened(string LedgerId, string Owner, string OpenedBy) : LedgerEvent;

public sealed record Deposited(string LedgerId, decimal Amount) : LedgerEvent;

public sealed record Withdrawn(string LedgerId, decimal Amount) : LedgerEvent;

public sealed record Ledger(string LedgerId, string Owner, decimal Balance)
{
    public static readonly Ledger Initial = new("", "", 0);

    public bool IsOpen => LedgerId.Length > 0;
}

public static class LedgerDecider
{
    public static readonly Decider<LedgerCommand, LedgerEvent, Ledger> Decider = new(Ledger.Initial, Evolve, Decide, id => $"ledger-{id}");

    private static Ledger Evolve(Ledger state, LedgerEvent @event) => @event switch
    {
        LedgerOpened opened => new Ledger(opened.LedgerId, opened.Owner, 0),
        Deposited deposited => state with { Balance = state.Balance + deposited.Amount },
        Withdrawn withdrawn => state with { Balance = state.Balance - withdrawn.Amount },
    };

    private static IReadOnlyList<LedgerEvent> Decide(LedgerCommand command, Ledger state, DecisionContext context) => command switch
    {
        OpenLedger open => state.IsOpen ? throw new RuleViolationException("账户已开立。") : [new LedgerOpened(context.Actor + "-ledger", open.Owner, context.Actor)],
        Deposit deposit => [new Deposited(Open(state).LedgerId, Positive(deposit.Amount))],
        Withdraw withdraw => Open(state).Balance < Positive(withdraw.Amount)
            ? throw new RuleViolationException($"余额 {state.Balance} 不足 {withdraw.Amount}。")
            : [new Withdrawn(state.LedgerId, withdraw.Amount)],
    };

    private static Ledger Open(Ledger state) => state.IsOpen ? state : throw new RuleViolationException("账户尚未开立。");

    private static decimal Positive(decimal amount) =>
        amount > 0 ? amount : throw new InvalidCommandException("金额须大于 0。", new Dictionary<string, string[]> { ["amount"] = ["金额须大于 0。"] });
}
