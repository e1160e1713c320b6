using MassTransit;
using Npgsql;
using Platform.Messaging;
using Platform.Messaging.Copies;
using Platform.Projects.ProjectList;
using Needs = Platform.Contracts.Needs;
using Resources = Platform.Contracts.Resources;

namespace Platform.Projects.Copies;

/// <summary>What a project needs of a need: only what the Needs service published (no reporter, no description).</summary>
public sealed record NeedFacts(string Title, string Category, string? Urgency);

/// <summary>What a task needs of a co-building unit: its name (the liaison stays in Resources).</summary>
public sealed record UnitFacts(string Name, string Kind);

/// <summary>What an agenda needs of a published offer: what it is, how much it holds, until when and for whom.</summary>
public sealed record OfferFacts(
    string Title, string UnitId, string Category, decimal CapacityAmount, string CapacityMeasure, string CapacityScope, DateOnly AvailableFrom,
    DateOnly AvailableUntil, IReadOnlyList<string> CommunityIds);

/// <summary>What a booking takes of its offer.</summary>
public sealed record BookingFacts(string OfferId, decimal Quantity, DateOnly Date);

/// <summary>
/// The needs and co-building units Projects knows of, copied from the Needs and Resources services' events into its
/// own tables. A need can be taken into a project once accepted and until it is resolved, declined or closed; a unit
/// can own a task until it leaves.
/// </summary>
public sealed class ProjectCopies(NpgsqlDataSource dataSource)
{
    public const string Raised = "raised";
    public const string Accepted = "accepted";
    public const string Done = "done";
    public const string Active = "active";
    public const string Left = "left";
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";
    public const string Booked = "booked";
    public const string Released = "released";

    public static readonly RecordCopies<NeedFacts> Needs = new($"{ReadModels.ProjectsSchema.Name}.copied_needs", Raised);
    public static readonly RecordCopies<UnitFacts> Units = new($"{ReadModels.ProjectsSchema.Name}.copied_units", Active);
    public static readonly RecordCopies<OfferFacts> Offers = new($"{ReadModels.ProjectsSchema.Name}.copied_offers", Published);
    public static readonly RecordCopies<BookingFacts> Bookings = new($"{ReadModels.ProjectsSchema.Name}.copied_bookings", Booked);

    /// <summary>An accepted need of the project's place, or a 422 that says why it cannot be taken in.</summary>
    public async Task<ProjectNeed> NeedForAsync(string districtCode, ProjectParty party, string? needId, string field, CancellationToken cancellationToken)
    {
        var copy = string.IsNullOrWhiteSpace(needId) ? null : await Needs.FindAsync(dataSource, districtCode, needId.Trim(), cancellationToken);
        if (copy is null) throw new InvalidReferenceException(field, $"项目服务尚未收到需求「{needId}」。");
        var inPlace = party.CommunityId is { } communityId ? copy.CommunityId == communityId : copy.StreetId == party.StreetId;
        if (!inPlace) throw new InvalidReferenceException(field, $"需求「{copy.Facts.Title}」不属于本项目的{(party.CommunityId is null ? "街道" : "社区")}。");
        if (copy.Status != Accepted)
            throw new InvalidReferenceException(field, copy.Status == Raised ? $"需求「{copy.Facts.Title}」尚未受理，受理后才能列入项目。" : $"需求「{copy.Facts.Title}」已办结或已关闭。");
        return new ProjectNeed(copy.RecordId, copy.Facts.Title);
    }

    /// <summary>The accepted needs of a place that a project could take in, oldest first.</summary>
    public async Task<IReadOnlyList<RecordCopy<NeedFacts>>> AcceptedNeedsAsync(
        string districtCode, string? streetId, string? communityId, int limit, CancellationToken cancellationToken) =>
        await Needs.ListAsync(dataSource, districtCode, Accepted, streetId, communityId, limit, cancellationToken);

    /// <summary>A member unit for a council's roster: a co-building unit that has not left, or a 422 naming it.</summary>
    public async Task<Meetings.RosterMember> RosterMemberAsync(string districtCode, string? unitId, CancellationToken cancellationToken)
    {
        var unit = string.IsNullOrWhiteSpace(unitId) ? null : await Units.FindAsync(dataSource, districtCode, unitId.Trim(), cancellationToken);
        if (unit is null) throw new InvalidReferenceException("unitIds", $"未知的共建单位「{unitId}」。");
        if (unit.Status == Left) throw new InvalidReferenceException("unitIds", $"共建单位「{unit.Facts.Name}」已退出共建。");
        return new Meetings.RosterMember(unit.RecordId, unit.Facts.Name);
    }

    /// <summary>The offers still published, each with what its bookings hold (an in-total offer's free amount follows).</summary>
    public async Task<IReadOnlyList<(RecordCopy<OfferFacts> Offer, decimal Booked)>> PublishedOffersAsync(string districtCode, CancellationToken cancellationToken)
    {
        var offers = await Offers.AllAsync(dataSource, districtCode, Published, cancellationToken);
        var booked = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand($"""
            SELECT facts->>'offerId', sum((facts->>'quantity')::numeric) FROM {Bookings.Table}
            WHERE tenant_id = $1 AND status = '{Booked}' AND introduced GROUP BY 1
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = districtCode });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) booked[reader.GetString(0)] = reader.GetDecimal(1);
        }
        return [.. offers.Select(offer => (offer, booked.GetValueOrDefault(offer.RecordId)))];
    }

    /// <summary>The task as asked, with a named unit checked (and its name as the owner's when none is given).</summary>
    public async Task<TaskDraft> DraftAsync(string districtCode, DecideProjectEndpoint.TaskRequest? request, string field, CancellationToken cancellationToken)
    {
        if (request is null) return new TaskDraft(null, null, null, null);
        if (string.IsNullOrWhiteSpace(request.UnitId)) return new TaskDraft(request.What, request.OwnerName, null, request.Deadline);
        var unit = await Units.FindAsync(dataSource, districtCode, request.UnitId.Trim(), cancellationToken);
        if (unit is null) throw new InvalidReferenceException($"{field}.unitId", $"未知的共建单位「{request.UnitId}」。");
        if (unit.Status == Left) throw new InvalidReferenceException($"{field}.unitId", $"共建单位「{unit.Facts.Name}」已退出共建。");
        return new TaskDraft(request.What, string.IsNullOrWhiteSpace(request.OwnerName) ? unit.Facts.Name : request.OwnerName, unit.RecordId, request.Deadline);
    }
}

public sealed class NeedRaisedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Needs.NeedRaised, NeedFacts>(dataSource, ProjectCopies.Needs,
    message => new(message.DistrictCode, message.NeedId, new NeedFacts(message.Title, message.Category, message.Urgency), message.Place.StreetId, message.Place.CommunityId,
        message.RaisedAt));

public sealed class NeedAcceptedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedAccepted, NeedFacts>(
    dataSource, ProjectCopies.Needs, message => (message.DistrictCode, message.NeedId, message.AcceptedAt), ProjectCopies.Accepted);

public sealed class NeedReopenedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedReopened, NeedFacts>(
    dataSource, ProjectCopies.Needs, message => (message.DistrictCode, message.NeedId, message.ReopenedAt), ProjectCopies.Accepted);

public sealed class NeedResolvedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedResolved, NeedFacts>(
    dataSource, ProjectCopies.Needs, message => (message.DistrictCode, message.NeedId, message.ResolvedAt), ProjectCopies.Done);

public sealed class NeedDeclinedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedDeclined, NeedFacts>(
    dataSource, ProjectCopies.Needs, message => (message.DistrictCode, message.NeedId, message.DeclinedAt), ProjectCopies.Done);

public sealed class NeedClosedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Needs.NeedClosed, NeedFacts>(
    dataSource, ProjectCopies.Needs, message => (message.DistrictCode, message.NeedId, message.ClosedAt), ProjectCopies.Done);

public sealed class UnitJoinedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Resources.CoBuildingUnitJoined, UnitFacts>(dataSource, ProjectCopies.Units,
    message => new(message.DistrictCode, message.UnitId, new UnitFacts(message.Name, message.Kind), null, null, message.JoinedAt));

public sealed class UnitLeftConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Resources.CoBuildingUnitLeft, UnitFacts>(
    dataSource, ProjectCopies.Units, message => (message.DistrictCode, message.UnitId, message.LeftAt), ProjectCopies.Left);

public sealed class OfferPublishedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Resources.ResourceOfferPublished, OfferFacts>(dataSource, ProjectCopies.Offers,
    message => new(message.DistrictCode, message.OfferId, new OfferFacts(
        message.Title, message.UnitId, message.Category, message.CapacityAmount, message.CapacityMeasure, message.CapacityScope, message.AvailableFrom,
        message.AvailableUntil, message.CommunityIds), null, null, message.PublishedAt));

/// <summary>An offer's new capacity and dates, merged into its copy field by field.</summary>
public sealed class OfferAvailabilityChangedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<Resources.ResourceOfferAvailabilityChanged>(dataSource)
{
    protected override Task ConsumeOnceAsync(ConsumeContext<Resources.ResourceOfferAvailabilityChanged> context, NpgsqlTransaction transaction)
    {
        var changed = context.Message;
        return ProjectCopies.Offers.RecordChangedFactsAsync(transaction, changed.DistrictCode, changed.OfferId,
            new { changed.CapacityAmount, changed.AvailableFrom, changed.AvailableUntil }, changed.ChangedAt, context.CancellationToken);
    }
}

public sealed class OfferWithdrawnConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Resources.ResourceOfferWithdrawn, OfferFacts>(
    dataSource, ProjectCopies.Offers, message => (message.DistrictCode, message.OfferId, message.WithdrawnAt), ProjectCopies.Withdrawn);

public sealed class ResourceBookedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Resources.ResourceBooked, BookingFacts>(dataSource, ProjectCopies.Bookings,
    message => new(message.DistrictCode, message.BookingId, new BookingFacts(message.OfferId, message.Quantity, message.Date), message.StreetId,
        message.CommunityId, message.BookedAt));

public sealed class BookingReleasedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Resources.ResourceBookingReleased, BookingFacts>(
    dataSource, ProjectCopies.Bookings, message => (message.DistrictCode, message.BookingId, message.ReleasedAt), ProjectCopies.Released);
