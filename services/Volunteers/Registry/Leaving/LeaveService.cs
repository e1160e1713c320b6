namespace Platform.Volunteers.Registry;

/// <summary>A volunteer stops serving (moved away, transferred); their hours and points stay on the ledger.</summary>
public sealed record LeaveService(string? Reason) : VolunteerCommand;

public static partial class VolunteerDecider
{
    private static VolunteerLeft Leave(LeaveService command, Volunteer state, DecisionContext context)
    {
        ExpectRegistered(state);
        if (state.Status == VolunteerStatus.Left) throw new RuleViolationException($"{state.Name}已退出志愿服务。");
        new Validation().Text(command.Reason, "reason", "退出原因", 200).ThrowIfInvalid();
        return new VolunteerLeft(state.VolunteerId, command.Reason!.Trim(), context.Actor, context.Now);
    }
}

public static class CarryOverEndpoint
{
    public sealed record CarryOverRequest(decimal? Hours, decimal? Points, string? Reason);

    public static void Map(RouteGroupBuilder volunteers) =>
        volunteers.MapPost("/{volunteerId}/carry-over", (string volunteerId, CarryOverRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
                VolunteerEndpoints.RunAsync(http, guard, runner, volunteerId, new CarryOverService(request.Hours, request.Points, request.Reason), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("CarryOverService")
            .WithSummary("把社区纸质台账上的历史服务时长与积分结转到平台（每人一次，计入组织者登记时长）。");
}

public static class LeaveServiceEndpoint
{
    public sealed record LeaveRequest(string? Reason);

    public static void Map(RouteGroupBuilder volunteers) =>
        volunteers.MapPost("/{volunteerId}/leave", (string volunteerId, LeaveRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
                VolunteerEndpoints.RunAsync(http, guard, runner, volunteerId, new LeaveService(request.Reason), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("VolunteerLeaves")
            .WithSummary("志愿者退出服务（迁出、转接等），其时长与积分仍留在台账上。");
}
