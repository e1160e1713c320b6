using Platform.Kernel.Errors;
using Platform.Needs.Api;
using Platform.Needs.NeedList;

namespace Platform.Needs.Cases;

public sealed record VerifyCase(bool? Passed, string? Note) : CaseCommand;

public static partial class WhistleCaseDecider
{
    private static CaseVerified Verify(VerifyCase command, WhistleCase state, NeedsDecisionContext context)
    {
        Expect(state, "现场核实", CaseStatus.Reported);
        new Validation()
            .Require(command.Passed is not null, "passed", "须注明核实是否通过。")
            .Text(command.Note, "note", "核实情况", 1000)
            .ThrowIfInvalid();
        return new CaseVerified(state.CaseId, command.Passed!.Value, command.Note!.Trim(), context.Actor, context.Now);
    }
}

public static class VerifyCaseEndpoint
{
    public sealed record VerifyRequest(bool? Passed, string? Note);

    public static void Map(RouteGroupBuilder cases) =>
        CaseEndpoints.MapCommunityCommand<VerifyRequest>(cases, "verify", "VerifyCase", request => new VerifyCase(request.Passed, request.Note));
}
