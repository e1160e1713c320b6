using MassTransit;
using Npgsql;
using Platform.Messaging;
using Projects = Platform.Contracts.Projects;

namespace Platform.Resources.Offers;

/// <summary>A project's request could not be booked: the offer records why, so the refusal is a fact of its history and
/// reaches the project as an event, as a booking would.</summary>
public sealed record RefuseProjectBooking(string BookingId, string ProjectId, string Reason) : OfferCommand;

public static partial class OfferDecider
{
    private static OfferBookingRefused RefuseForProject(RefuseProjectBooking command, Offer state, DecisionContext context) =>
        new(state.OfferId, state.UnitId, command.BookingId, command.ProjectId, command.Reason, context.Now);
}

/// <summary>
/// A joint meeting's project asks for part of an offer (Projects' news): the offer books it for the project's community
/// with the booking id the project chose, by the same rules as a community's own booking, or records the refusal. Once
/// per message (inbox), in the consumer's transaction.
/// </summary>
public sealed class ProjectResourceRequestedConsumer(NpgsqlDataSource dataSource, CommandRunner runner, ILogger<ProjectResourceRequestedConsumer> logger)
    : IdempotentConsumer<Projects.ProjectResourceRequested>(dataSource)
{
    protected override async Task ConsumeOnceAsync(ConsumeContext<Projects.ProjectResourceRequested> context, NpgsqlTransaction transaction)
    {
        var requested = context.Message;
        var origin = new CommandOrigin(requested.DistrictCode, "service:projects", context.Correlation(), context.MessageId?.ToString());
        await using var scope = runner.Begin(origin, transaction);
        var offer = await scope.LoadAsync(OfferDecider.Decider, requested.OfferId, cancellationToken: context.CancellationToken);
        if (!offer.Exists)
        {
            logger.LogWarning("Project {ProjectId} asked for unknown offer {OfferId}; nothing booked", requested.ProjectId, requested.OfferId);
            return;
        }
        if (offer.State.Bookings.Any(booking => booking.BookingId == requested.BookingId)) return;
        try
        {
            scope.Decide(offer, new BookOffer(
                requested.BookingId, new BookingParty(requested.StreetId, requested.CommunityId, requested.ProjectId), requested.Date, requested.From,
                requested.To, requested.Quantity, requested.Purpose));
        }
        catch (Exception refusal) when (refusal is RuleViolationException or InvalidCommandException)
        {
            scope.Decide(offer, new RefuseProjectBooking(requested.BookingId, requested.ProjectId, ReasonOf(refusal)));
        }
        await scope.CommitAsync(context.CancellationToken);
    }

    /// <summary>What the project is told: the rule broken, or the first thing wrong with the request.</summary>
    private static string ReasonOf(Exception refusal) =>
        refusal is InvalidCommandException { Errors.Count: > 0 } invalid ? invalid.Errors.Values.First()[0] : refusal.Message;
}
