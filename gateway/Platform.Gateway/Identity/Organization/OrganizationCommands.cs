using Marten;
using Platform.Authorization;
using Platform.EventSourcing;

namespace Platform.Gateway.Identity.Organization;

/// <summary>Runs a decision against a district's organization under the stream's lock: changes to the tree are rare
/// and must never interleave, so pessimistic locking costs nothing and spares callers a retry loop.</summary>
public sealed class OrganizationCommands(IDocumentStore store)
{
    public Task RegisterAsync(PlatformUser user, IReadOnlyList<RegisterUnit> units, CancellationToken cancellationToken) =>
        DecideAsync(user.DistrictCode, user.UserId, state => OrganizationDecider.Decide(units, state), cancellationToken);

    /// <summary>Registers the units that do not exist yet, in order, in one transaction; returns how many were new.</summary>
    /// <param name="actor">Who the events are recorded as caused by.</param>
    public async Task<int> RegisterMissingAsync(string districtCode, string actor, IReadOnlyList<RegisterUnit> units, CancellationToken cancellationToken)
    {
        var added = 0;
        await DecideAsync(districtCode, actor, state =>
        {
            var missing = units.Where(unit => !state.Units.ContainsKey(unit.UnitId)).ToList();
            added = missing.Count;
            return OrganizationDecider.Decide(missing, state);
        }, cancellationToken);
        return added;
    }

    public Task HandleAsync(PlatformUser user, Func<Organization, object> decide, CancellationToken cancellationToken) =>
        DecideAsync(user.DistrictCode, user.UserId, state => [decide(state)], cancellationToken);

    private async Task DecideAsync(string districtCode, string actor, Func<Organization, IEnumerable<object>> decide, CancellationToken cancellationToken)
    {
        var streamId = Organization.StreamId(districtCode);
        await using var session = store.LightweightSession(districtCode);
        session.LastModifiedBy = actor;
        await session.BeginTransactionAsync(cancellationToken);

        var version = await LockStreamAsync(session, streamId, cancellationToken);
        var state = version is null
            ? Organization.Empty
            : (await session.Events.FetchStreamAsync(streamId, token: cancellationToken))
                .Aggregate(Organization.Empty, (organization, stored) => Organization.Evolve(organization, stored.Data));
        var events = decide(state).ToList();
        if (events.Count == 0) return;

        // Started, or appended with the version it must reach: either way Marten knows each event's version before
        // the write, which the read model's revisions need (quick append leaves them unknown otherwise).
        if (version is { } current) session.Events.Append(streamId, current + events.Count, events);
        else session.Events.StartStream(streamId, events);
        // Two first changes of a district can still race to start its stream (there is no row to lock yet): the
        // loser gets StreamAlreadyExistsException, a 409.
        await session.SaveChangesOrConflictAsync(cancellationToken);
    }

    /// <summary>
    /// Locks the stream's row for the session's transaction, as Marten's own exclusive append does, and returns the
    /// stream's version; null when the district has no organization yet. A second writer waits here, then reads
    /// what the first one decided.
    /// </summary>
    private static async Task<long?> LockStreamAsync(IDocumentSession session, string streamId, CancellationToken cancellationToken)
    {
        var versions = await session.AdvancedSql.QueryAsync<long>(
            $"SELECT version FROM {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams WHERE tenant_id = ? AND id = ? FOR UPDATE",
            cancellationToken, session.TenantId, streamId);
        return versions.Count == 0 ? null : versions[0];
    }
}
