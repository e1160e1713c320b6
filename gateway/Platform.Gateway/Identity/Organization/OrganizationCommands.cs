using Platform.Authorization;
using Platform.EventStore;

namespace Platform.Gateway.Identity.Organization;

/// <summary>Runs a decision against a district's organization under the stream's lock: changes to the tree are rare
/// and must never interleave, so pessimistic locking costs nothing and spares callers a retry loop.</summary>
public sealed class OrganizationCommands(EventStoreClient store)
{
    public Task RegisterAsync(PlatformUser user, IReadOnlyList<RegisterUnit> units, CancellationToken cancellationToken) =>
        RegisterAsync(user.DistrictCode, new EventMetadata(null, null, user.UserId), units, cancellationToken);

    /// <summary>Registers the units that do not exist yet, in order, in one transaction; returns how many were new.</summary>
    public async Task<int> RegisterMissingAsync(string districtCode, EventMetadata metadata, IReadOnlyList<RegisterUnit> units, CancellationToken cancellationToken)
    {
        var added = 0;
        await DecideAsync(districtCode, metadata, state =>
        {
            var missing = units.Where(unit => !state.Units.ContainsKey(unit.UnitId)).ToList();
            added = missing.Count;
            return OrganizationDecider.Decide(missing, state);
        }, cancellationToken);
        return added;
    }

    public Task HandleAsync(PlatformUser user, Func<Organization, object> decide, CancellationToken cancellationToken) =>
        DecideAsync(user.DistrictCode, new EventMetadata(null, null, user.UserId), state => [decide(state)], cancellationToken);

    private Task RegisterAsync(string districtCode, EventMetadata metadata, IReadOnlyList<RegisterUnit> units, CancellationToken cancellationToken) =>
        DecideAsync(districtCode, metadata, state => OrganizationDecider.Decide(units, state), cancellationToken);

    private async Task DecideAsync(string districtCode, EventMetadata metadata, Func<Organization, IEnumerable<object>> decide, CancellationToken cancellationToken)
    {
        var streamId = Organization.StreamId(districtCode);
        await using var session = store.OpenSession(districtCode, metadata);
        var exists = await session.FetchStreamStateAsync(streamId, cancellationToken) is not null;
        if (exists) await session.LockStreamAsync(streamId, cancellationToken);
        var state = exists ? await session.AggregateStreamAsync(streamId, Organization.Empty, Organization.Evolve, cancellationToken: cancellationToken) : Organization.Empty;
        var events = decide(state).ToList();
        if (events.Count == 0) return;
        if (exists) session.Append(streamId, events);
        else session.StartStream(streamId, events);
        await session.SaveChangesAsync(cancellationToken);
    }
}
