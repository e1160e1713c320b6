using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record NoteProgress(string DepartmentId, string? Note) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseProgressNoted Progress(NoteProgress command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "记录进展", CaseStatus.InHandling);
        EnsureSigned(state, command.DepartmentId);
        new Validation().Text(command.Note, "note", "进展", 1000).ThrowIfInvalid();
        return new CaseProgressNoted(state.CaseId, command.DepartmentId, command.Note!.Trim(), context.Actor, context.Now);
    }
}

public static class NoteProgressEndpoint
{
    public sealed record NoteRequest(string? Note);

    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapDepartmentCommand<NoteRequest>(cases, "progress", "NoteCaseProgress", (department, request) => new NoteProgress(department, request.Note));
}
