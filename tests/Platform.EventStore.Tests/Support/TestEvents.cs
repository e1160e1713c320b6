namespace Platform.EventStore.Tests.Support;

[EventType("test.case-opened.v2")]
public sealed record CaseOpened(string Title, string District);

[EventType("test.note-added.v1")]
public sealed record NoteAdded(string Text);

[EventType("test.case-closed.v1")]
public sealed record CaseClosed(string Reason);

/// <summary>A case file folded from its events: the pure Evolve a service would keep next to its Decide.</summary>
public sealed record CaseFile(string Title, string District, int Notes, bool IsClosed)
{
    public static readonly CaseFile Initial = new("", "", 0, false);

    public static CaseFile Evolve(CaseFile state, object @event) => @event switch
    {
        CaseOpened opened => state with { Title = opened.Title, District = opened.District },
        NoteAdded => state with { Notes = state.Notes + 1 },
        CaseClosed => state with { IsClosed = true },
        _ => state,
    };
}
