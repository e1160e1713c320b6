namespace Platform.Resources.Units;

public sealed record ChangeLiaison(Liaison? Liaison) : UnitCommand;

public static partial class UnitDecider
{
    private static UnitLiaisonChanged ChangeLiaison(ChangeLiaison command, CoBuildingUnit state, DecisionContext context)
    {
        ExpectActive(state, "更换联络员");
        Liaison(new Validation(), command.Liaison, required: true).ThrowIfInvalid();
        return new UnitLiaisonChanged(state.UnitId, Trimmed(command.Liaison)!, context.Actor, context.Now);
    }
}

public static class ChangeLiaisonEndpoint
{
    public static void Map(RouteGroupBuilder units) =>
        units.MapPost("/{coBuildingUnitId}/liaison", (string coBuildingUnitId, JoinUnitEndpoint.LiaisonRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
            UnitEndpoints.RunAsync(http, guard, runner, coBuildingUnitId, new ChangeLiaison(new Liaison(request.Name ?? "", request.Phone ?? "", request.Title)), cancellationToken))
            .RequireAccess(ResourcesActions.ChangeLiaison).WithName("ChangeUnitLiaison").WithSummary("更换联络员（本单位、所服务社区或区级）。");
}
