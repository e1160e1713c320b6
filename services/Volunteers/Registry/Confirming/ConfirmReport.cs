namespace Platform.Volunteers.Registry;

/// <summary>The community confirms a report and sets the post the member takes (设岗定责: 楼门长、巡逻岗、为老服务岗 …).</summary>
public sealed record ConfirmReport(string? Post, string? Duty) : VolunteerCommand;

public static partial class VolunteerDecider
{
    private static VolunteerReportConfirmed Confirm(ConfirmReport command, Volunteer state, DecisionContext context)
    {
        ExpectRegistered(state);
        if (state.Status != VolunteerStatus.Pending)
            throw new RuleViolationException(state.Status == VolunteerStatus.Left ? $"{state.Name}已退出志愿服务。" : $"{state.Name}的报到已确认。");
        new Validation()
            .Text(command.Post, "post", "岗位", 30, singleLine: true)
            .Text(command.Duty, "duty", "岗位职责", 200, required: false)
            .ThrowIfInvalid();
        return new VolunteerReportConfirmed(state.VolunteerId, command.Post!.Trim(), string.IsNullOrWhiteSpace(command.Duty) ? null : command.Duty.Trim(),
            context.Actor, context.Now);
    }
}

public static class ConfirmReportEndpoint
{
    public sealed record ConfirmRequest(string? Post, string? Duty);

    public static void Map(RouteGroupBuilder volunteers) =>
        volunteers.MapPost("/{volunteerId}/confirm", (string volunteerId, ConfirmRequest request, HttpContext http, AccessGuard guard, CommandRunner runner,
                CancellationToken cancellationToken) =>
                VolunteerEndpoints.RunAsync(http, guard, runner, volunteerId, new ConfirmReport(request.Post, request.Duty), cancellationToken))
            .RequireAccess(VolunteersActions.ManageVolunteers).WithName("ConfirmVolunteerReport")
            .WithSummary("社区确认报到并设岗定责（岗位与职责）。");
}
