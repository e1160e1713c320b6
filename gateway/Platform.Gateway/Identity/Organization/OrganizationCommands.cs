using Platform.Authorization;
using Platform.EventSourcing.Commands;

namespace Platform.Gateway.Identity.Organization;

/// <summary>
/// Runs a decision against a district's organization with its stream locked (Marten's exclusive FetchForWriting):
/// changes to the tree are rare and must never interleave, so waiting costs nothing and spares callers a retry loop.
/// Two first changes of a district can still race to start its stream (there is no row to lock yet): the loser gets
/// a 409.
/// </summary>
public sealed class OrganizationCommands(CommandRunner runner)
{
    public Task RegisterAsync(PlatformUser user, IReadOnlyList<RegisterUnit> units, CancellationToken cancellationToken) =>
        HandleAsync(user, new RegisterUnits(units), cancellationToken);

    /// <summary>Registers the units that do not exist yet, in order, in one transaction; returns how many were new.</summary>
    /// <param name="actor">Who the events are recorded as caused by.</param>
    /// <param name="actorName">What people call that actor.</param>
    public async Task<int> RegisterMissingAsync(
        string districtCode, string actor, string actorName, IReadOnlyList<RegisterUnit> units, CancellationToken cancellationToken) =>
        (await DecideAsync(new CommandOrigin(districtCode, actor, CorrelationId: null, ActorName: actorName), new RegisterMissingUnits(units), cancellationToken)).Count;

    public Task HandleAsync(PlatformUser user, OrganizationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return DecideAsync(new CommandOrigin(user.DistrictCode, user.UserId, CorrelationId: null, ActorName: user.DisplayName), command, cancellationToken);
    }

    private async Task<IReadOnlyList<object>> DecideAsync(CommandOrigin origin, OrganizationCommand command, CancellationToken cancellationToken)
    {
        await using var scope = runner.Begin(origin);
        var organization = await scope.LoadAsync(OrganizationDecider.Decider, origin.TenantId, exclusive: true, cancellationToken: cancellationToken);
        var events = scope.Decide(organization, command);
        if (events.Count > 0) await scope.CommitAsync(cancellationToken);
        return events;
    }
}
