namespace Platform.EventSourcing.Tests.Support;

public sealed record CaseOpened(string Title, string District);

public sealed record NoteAdded(string Text);

public sealed record Measurement(decimal Amount, double Large, double NegativeZero, int[] Values);

public sealed record CaseClosed(string Reason);
