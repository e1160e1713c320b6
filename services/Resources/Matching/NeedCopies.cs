using Npgsql;
using Platform.Messaging.Copies;
using Needs = Platform.Contracts.Needs;

namespace Platform.Resources.Matching;

/// <summary>What matching needs of a need: only what the Needs service published (no reporter, no description).</summary>
public sealed record NeedFacts(string Title, string Category);

/// <summary>
/// What Resources knows of needs, in its own table, to match offers against. A need is open to matching once accepted
/// and until it is resolved, declined or closed; a reopened need is open again.
/// </summary>
public static class NeedCopies
{
    public const string Raised = "raised";
    public const string Accepted = "accepted";
    public const string Done = "done";

    public static readonly RecordCopies<NeedFacts> Copies = new($"{ReadModels.ResourcesSchema.Name}.copied_needs", Raised);

    public static async Task<(NeedToMatch Need, string Status)?> FindAsync(NpgsqlDataSource dataSource, string tenantId, string needId, CancellationToken cancellationToken)
    {
        var copy = await Copies.FindAsync(dataSource, tenantId, needId, cancellationToken);
        if (copy is null) return null;
        return (new NeedToMatch(needId, copy.Facts.Title, copy.Facts.Category, copy.StreetId ?? "", copy.CommunityId ?? ""), copy.Status);
    }
}

public sealed class NeedRaisedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Needs.NeedRaised, NeedFacts>(dataSource, NeedCopies.Copies,
    message => new(message.DistrictCode, message.NeedId, new NeedFacts(message.Title, message.Category), message.Place.StreetId, message.Place.CommunityId,
        message.RaisedAt));

public sealed class NeedAcceptedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedAccepted, NeedFacts>(
    dataSource, NeedCopies.Copies, message => (message.DistrictCode, message.NeedId, message.AcceptedAt), NeedCopies.Accepted);

public sealed class NeedReopenedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedReopened, NeedFacts>(
    dataSource, NeedCopies.Copies, message => (message.DistrictCode, message.NeedId, message.ReopenedAt), NeedCopies.Accepted);

public sealed class NeedResolvedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedResolved, NeedFacts>(
    dataSource, NeedCopies.Copies, message => (message.DistrictCode, message.NeedId, message.ResolvedAt), NeedCopies.Done);

public sealed class NeedDeclinedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedDeclined, NeedFacts>(
    dataSource, NeedCopies.Copies, message => (message.DistrictCode, message.NeedId, message.DeclinedAt), NeedCopies.Done);

public sealed class NeedClosedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedClosed, NeedFacts>(
    dataSource, NeedCopies.Copies, message => (message.DistrictCode, message.NeedId, message.ClosedAt), NeedCopies.Done);
