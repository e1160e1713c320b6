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

/// <summary>What a claim needs of a co-building agreement: whose it is, until when, and what each promise adds up to.</summary>
public sealed record AgreementFacts(string UnitId, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<Resources.AgreementCommitment> Commitments)
{
    public bool InForceOn(DateOnly today) => EndsOn >= today;
}

/// <summary>What a confirmed contribution delivered on a promise of an agreement (both null when it was given outside one).</summary>
public sealed record ContributionFacts(string UnitId, string? AgreementId, string? Commitment, decimal Amount);

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
    public const string Ended = "ended";
    public const string Confirmed = "confirmed";

    public static readonly RecordCopies<NeedFacts> Needs = new($"{ReadModels.ProjectsSchema.Name}.copied_needs", Raised);
    public static readonly RecordCopies<UnitFacts> Units = new($"{ReadModels.ProjectsSchema.Name}.copied_units", Active);
    public static readonly RecordCopies<OfferFacts> Offers = new($"{ReadModels.ProjectsSchema.Name}.copied_offers", Published);
    public static readonly RecordCopies<BookingFacts> Bookings = new($"{ReadModels.ProjectsSchema.Name}.copied_bookings", Booked);
    public static readonly RecordCopies<AgreementFacts> Agreements = new($"{ReadModels.ProjectsSchema.Name}.copied_agreements", Active);
    public static readonly RecordCopies<ContributionFacts> Contributions = new($"{ReadModels.ProjectsSchema.Name}.copied_contributions", Confirmed);

    /// <summary>A unit's agreements in force on <paramref name="today"/> with the project's community, or with its street
    /// (for a street's project, with the street or any community of it).</summary>
    public async Task<IReadOnlyList<RecordCopy<AgreementFacts>>> AgreementsInForceAsync(
        string districtCode, string unitId, ProjectParty party, DateOnly today, CancellationToken cancellationToken)
    {
        var agreements = await Agreements.WithFactAsync(dataSource, districtCode, Active, "unitId", unitId, cancellationToken);
        return [.. agreements.Where(agreement => Binds(agreement, party, today))];
    }

    /// <summary>Every agreement in force on <paramref name="today"/> that binds a unit to the project's place.</summary>
    public async Task<IReadOnlyList<RecordCopy<AgreementFacts>>> AgreementsInForceAsync(
        string districtCode, ProjectParty party, DateOnly today, CancellationToken cancellationToken)
    {
        var agreements = await Agreements.ListAsync(dataSource, districtCode, Active, party.StreetId, null, 1000, cancellationToken);
        return [.. agreements.Where(agreement => Binds(agreement, party, today))];
    }

    /// <summary>The places a unit has an agreement in force with: a project of one of them is open to its claims.</summary>
    public async Task<IReadOnlyList<ProjectParty>> PlacesBoundAsync(string districtCode, string unitId, DateOnly today, CancellationToken cancellationToken) =>
        [.. (await Agreements.WithFactAsync(dataSource, districtCode, Active, "unitId", unitId, cancellationToken))
            .Where(agreement => agreement.Facts.InForceOn(today) && agreement.StreetId is not null)
            .Select(agreement => new ProjectParty(agreement.StreetId!, agreement.CommunityId)).Distinct()];

    public async Task<string?> UnitNameAsync(string districtCode, string unitId, CancellationToken cancellationToken) =>
        (await Units.FindAsync(dataSource, districtCode, unitId, cancellationToken))?.Facts.Name;

    /// <summary>An agreement with the project's community, or with its street; a street's project is bound by the street's
    /// agreements and any of its communities'.</summary>
    private static bool Binds(RecordCopy<AgreementFacts> agreement, ProjectParty party, DateOnly today) =>
        agreement.Facts.InForceOn(today) && agreement.StreetId == party.StreetId
        && (party.CommunityId is null || agreement.CommunityId is null || agreement.CommunityId == party.CommunityId);

    /// <summary>The unit a claim is made for, with its agreements in force with the project's place; a 422 naming
    /// <c>unitId</c> when it is unknown, has left, or has no such agreement.</summary>
    public async Task<(ClaimingUnit Unit, IReadOnlyList<RecordCopy<AgreementFacts>> Agreements)> ClaimingUnitAsync(
        string districtCode, string? unitId, ProjectParty party, DateOnly today, CancellationToken cancellationToken)
    {
        var unit = string.IsNullOrWhiteSpace(unitId) ? null : await Units.FindAsync(dataSource, districtCode, unitId.Trim(), cancellationToken);
        if (unit is null) throw new InvalidReferenceException("unitId", string.IsNullOrWhiteSpace(unitId) ? "须写明认领的共建单位。" : $"未知的共建单位「{unitId}」。");
        if (unit.Status == Left) throw new InvalidReferenceException("unitId", $"共建单位「{unit.Facts.Name}」已退出共建。");
        var agreements = await AgreementsInForceAsync(districtCode, unit.RecordId, party, today, cancellationToken);
        if (agreements.Count == 0)
            throw new InvalidReferenceException("unitId", $"{unit.Facts.Name}与本项目所在的{(party.CommunityId is null ? "街道" : "社区")}没有生效的共建协议，签订后才能认领。");
        return (new ClaimingUnit(unit.RecordId, unit.Facts.Name), agreements);
    }

    /// <summary>Where the named promise of one of <paramref name="agreements"/> stands, or a 422 naming the field that does not fit.</summary>
    public async Task<CommitmentStanding> StandingAsync(
        string districtCode, IReadOnlyList<RecordCopy<AgreementFacts>> agreements, string? agreementId, string? what, CancellationToken cancellationToken)
    {
        var agreement = agreements.FirstOrDefault(candidate => candidate.RecordId == agreementId?.Trim())
            ?? throw new InvalidReferenceException("agreementId", $"共建协议「{agreementId}」不是该单位与本项目所在地生效的协议。");
        var commitment = agreement.Facts.Commitments.FirstOrDefault(candidate => candidate.What == what?.Trim())
            ?? throw new InvalidReferenceException("commitment", $"该协议没有承诺「{what}」。");
        var (delivered, pledged) = await UsedAsync(districtCode, agreement.RecordId, commitment.What, cancellationToken);
        return new CommitmentStanding(agreement.RecordId, commitment.What, commitment.Measure, commitment.DueInTerm, delivered, pledged);
    }

    /// <summary>Where every promise of <paramref name="agreements"/> stands, for the claim form.</summary>
    public async Task<IReadOnlyList<CommitmentStanding>> StandingsAsync(
        string districtCode, IReadOnlyList<RecordCopy<AgreementFacts>> agreements, CancellationToken cancellationToken)
    {
        var standings = new List<CommitmentStanding>();
        foreach (var agreement in agreements)
        {
            foreach (var commitment in agreement.Facts.Commitments)
            {
                var (delivered, pledged) = await UsedAsync(districtCode, agreement.RecordId, commitment.What, cancellationToken);
                standings.Add(new CommitmentStanding(agreement.RecordId, commitment.What, commitment.Measure, commitment.DueInTerm, delivered, pledged));
            }
        }
        return standings;
    }

    /// <summary>What the community confirmed as delivered on a promise, and what claims on running projects pledged from it.</summary>
    private async Task<(decimal Delivered, decimal Pledged)> UsedAsync(string districtCode, string agreementId, string what, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT coalesce(sum((facts->>'amount')::numeric), 0) FROM {Contributions.Table}
                    WHERE tenant_id = $1 AND introduced AND status = '{Confirmed}' AND facts->>'agreementId' = $2 AND facts->>'commitment' = $3),
                   (SELECT coalesce(sum(amount), 0) FROM {ReadModels.ProjectsSchema.Name}.project_claims
                    WHERE tenant_id = $1 AND agreement_id = $2 AND commitment = $3 AND status <> '{ClaimView.Declined}' AND project_status = '{ProjectView.Active}')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = districtCode });
        command.Parameters.Add(new NpgsqlParameter { Value = agreementId });
        command.Parameters.Add(new NpgsqlParameter { Value = what });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetDecimal(0), reader.GetDecimal(1));
    }

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

    /// <summary>A published offer a project may ask for, or a 422 naming <c>offerId</c> that says why not.</summary>
    public async Task<ProjectList.RequestedOffer> OfferForAsync(string districtCode, string offerId, CancellationToken cancellationToken)
    {
        var copy = await Offers.FindAsync(dataSource, districtCode, offerId.Trim(), cancellationToken);
        if (copy is null) throw new InvalidReferenceException("offerId", $"项目服务尚未收到资源「{offerId}」。");
        if (copy.Status != Published) throw new InvalidReferenceException("offerId", $"资源「{copy.Facts.Title}」已下架。");
        return new ProjectList.RequestedOffer(
            copy.RecordId, copy.Facts.Title, copy.Facts.UnitId, copy.Facts.CapacityScope == Contracts.Catalogue.OfferMeasures.AtATime, copy.Facts.CommunityIds);
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

public sealed class AgreementSignedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Resources.CoBuildingAgreementSigned, AgreementFacts>(
    dataSource, ProjectCopies.Agreements, message => new(message.DistrictCode, message.AgreementId,
        new AgreementFacts(message.UnitId, message.StartsOn, message.EndsOn, message.Commitments), message.StreetId, message.CommunityId, message.SignedAt));

/// <summary>A renewal runs the agreement to a new end with its promises as renewed, and puts an expired one in force again.</summary>
public sealed class AgreementRenewedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<Resources.CoBuildingAgreementRenewed>(dataSource)
{
    protected override async Task ConsumeOnceAsync(ConsumeContext<Resources.CoBuildingAgreementRenewed> context, NpgsqlTransaction transaction)
    {
        var renewed = context.Message;
        await ProjectCopies.Agreements.RecordChangedFactsAsync(transaction, renewed.DistrictCode, renewed.AgreementId,
            new { renewed.EndsOn, renewed.Commitments }, renewed.RenewedAt, context.CancellationToken);
        await ProjectCopies.Agreements.RecordStatusAsync(transaction, renewed.DistrictCode, renewed.AgreementId, ProjectCopies.Active, renewed.RenewedAt,
            context.CancellationToken);
    }
}

public sealed class AgreementEndedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Resources.CoBuildingAgreementEnded, AgreementFacts>(
    dataSource, ProjectCopies.Agreements, message => (message.DistrictCode, message.AgreementId, message.EndedAt), ProjectCopies.Ended);

public sealed class ContributionConfirmedConsumer(NpgsqlDataSource dataSource) : CopyFactsConsumer<Resources.CoBuildingContributionConfirmed, ContributionFacts>(
    dataSource, ProjectCopies.Contributions, message => new(message.DistrictCode, message.ContributionId,
        new ContributionFacts(message.UnitId, message.AgreementId, message.Commitment, message.Amount), message.StreetId, message.CommunityId, message.ConfirmedAt));

/// <summary>A corrected contribution counts with its new amount (0 when it was taken back).</summary>
public sealed class ContributionCorrectedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<Resources.CoBuildingContributionCorrected>(dataSource)
{
    protected override Task ConsumeOnceAsync(ConsumeContext<Resources.CoBuildingContributionCorrected> context, NpgsqlTransaction transaction)
    {
        var corrected = context.Message;
        return ProjectCopies.Contributions.RecordChangedFactsAsync(transaction, corrected.DistrictCode, corrected.ContributionId,
            new { corrected.Amount }, corrected.CorrectedAt, context.CancellationToken);
    }
}

public sealed class BookingReleasedConsumer(NpgsqlDataSource dataSource) : CopyStatusConsumer<Resources.ResourceBookingReleased, BookingFacts>(
    dataSource, ProjectCopies.Bookings, message => (message.DistrictCode, message.BookingId, message.ReleasedAt), ProjectCopies.Released);
