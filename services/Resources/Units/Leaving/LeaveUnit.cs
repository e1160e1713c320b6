namespace Platform.Resources.Units;

/// <summary>The unit stops co-building (退出共建). Its history stays: what it gave is still counted where it was given.</summary>
public sealed record LeaveUnit(string? Reason) : UnitCommand;

public static partial class UnitDecider
{
    private static UnitLeft Leave(LeaveUnit command, CoBuildingUnit state, DecisionContext context)
    {
        ExpectActive(state, "退出共建");
        new Validation().Text(command.Reason, "reason", "退出原因", 500).ThrowIfInvalid();
        return new UnitLeft(state.UnitId, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class LeaveUnitEndpoint
{
    public sealed record LeaveRequest(string? Reason);

    public static void Map(RouteGroupBuilder units) =>
        units.MapPost("/{coBuildingUnitId}/leave", (string coBuildingUnitId, LeaveRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
            UnitEndpoints.RunAsync(http, guard, runner, coBuildingUnitId, new LeaveUnit(request.Reason), cancellationToken))
            .RequireAccess(ResourcesActions.ManageUnits).WithName("LeaveUnit").WithSummary("办理共建单位退出共建；历史保留。");
}
