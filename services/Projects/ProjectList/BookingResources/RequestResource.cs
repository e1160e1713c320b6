using Platform.Contracts.Catalogue;
using Platform.Projects.Copies;

namespace Platform.Projects.ProjectList;

/// <summary>An offer of the 资源清单 as the handler found it in Projects' copy: published, whether it opens by time
/// slots, and the communities it reaches.</summary>
public sealed record RequestedOffer(string OfferId, string Title, string UnitId, bool Timed, IReadOnlyList<string> CommunityIds);

/// <summary>The project asks for part of a co-building unit's offer (a hall for the residents' meeting, a truck for a
/// day); Resources books it on the offer's own stream, where no two bookings can take the same free capacity.</summary>
public sealed record RequestResource(RequestedOffer? Offer, DateOnly? Date, TimeOnly? From, TimeOnly? To, decimal? Quantity, string? Purpose) : ProjectCommand;

/// <summary>Resources answered a request: booked, or refused with why (full, not open then, withdrawn).</summary>
public sealed record AnswerResourceRequest(string BookingId, bool Booked, string? Refusal) : ProjectCommand;

public static partial class ProjectDecider
{
    public const int MostResourceRequests = 50;

    private static ResourceRequested Request(RequestResource command, Project state, DecisionContext context)
    {
        ExpectActive(state, "预约资源");
        if (state.Party?.CommunityId is not { } communityId)
            throw new RuleViolationException($"「{state.Name}」是街道的项目：资源按社区预约，请由用到资源的社区的项目预约。");
        if (state.ResourceRequests.Count >= MostResourceRequests) throw new RuleViolationException($"一个项目至多预约 {MostResourceRequests} 次资源。");
        var today = DistrictTime.DateOf(context.Now);
        var offer = command.Offer;
        new Validation()
            .Require(offer is not null, "offerId", "须写明预约的资源。")
            .Require(command.Date is not null, "date", "须写明日期。")
            .Require(command.Date is null || command.Date >= today, "date", "不能预约已经过去的日期。")
            .Require(offer is not { Timed: true } || (command.From is not null && command.To is not null), "from", "按时段开放的资源须写明开始与结束时间。")
            .Require(command.From is null || command.To is null || command.To > command.From, "to", "须先开始后结束。")
            .Require(command.Quantity is > 0, "quantity", "数量须大于 0。")
            .Text(command.Purpose, "purpose", "用途", 500)
            .ThrowIfInvalid();
        if (!offer!.CommunityIds.Contains(communityId)) throw new InvalidReferenceException("offerId", $"资源「{offer.Title}」不面向本项目的社区开放。");
        var requestId = $"R{state.ResourceRequests.Count + 1}";
        return new ResourceRequested(
            state.ProjectId, state.Name, requestId, BookingIdOf(state.ProjectId, requestId), offer.OfferId, offer.Title, offer.UnitId, state.Party.StreetId,
            communityId, command.Date!.Value, offer.Timed ? command.From : null, offer.Timed ? command.To : null, command.Quantity!.Value,
            command.Purpose!.Trim(), context.Actor, context.Now);
    }

    /// <summary>The booking a request asks Resources to make: one per request, so a redelivered request books nothing twice.</summary>
    public static string BookingIdOf(string projectId, string requestId) => $"B-{projectId}-{requestId}";

    /// <summary>The first answer counts; one for a request this project never made, or already answered, is history.</summary>
    private static IReadOnlyList<ProjectEvent> Answer(AnswerResourceRequest command, Project state, DecisionContext context) =>
        state.ResourceRequests.FirstOrDefault(request => request.BookingId == command.BookingId) is { Answered: false } asked
            ? [new ResourceRequestAnswered(state.ProjectId, asked.RequestId, command.BookingId, asked.OfferTitle, command.Booked,
                command.Booked ? null : command.Refusal ?? "资源服务未能预约。", context.Now)]
            : [];
}

public static class RequestResourceEndpoint
{
    public sealed record ResourceRequest(string? OfferId, DateOnly? Date, TimeOnly? From, TimeOnly? To, decimal? Quantity, string? Purpose);

    /// <summary>The request made; Resources books it on its own and the project's page shows the answer.</summary>
    public sealed record RequestOutcome(string ProjectId, string RequestId, string BookingId, long Version);

    /// <summary>An offer the project may ask for, as the request form lists it.</summary>
    public sealed record OfferOption(string OfferId, string Title, string UnitId, string Category, bool Timed, string Measure, string Reads);

    public static void Map(RouteGroupBuilder projects)
    {
        projects.MapPost("/{projectId}/resources", RequestAsync).RequireAccess(ProjectsActions.ManageProjects).WithName("RequestProjectResource")
            .WithSummary("为项目预约共建单位提供的资源（资源清单）：日期、时段（按时段开放的资源）、数量与用途；答 202，资源服务随即在该资源上预约，约满或不开放时退回并写明原因。");
        projects.MapGet("/{projectId}/offers", OffersAsync).RequireAccess(ProjectsActions.ManageProjects).WithName("ListProjectOffers")
            .WithSummary("项目可预约的资源：面向本项目社区、仍在发布的共建资源。");
    }

    private static async Task<IResult> RequestAsync(
        string projectId, ResourceRequest request, HttpContext http, AccessGuard guard, ProjectCopies copies, CommandRunner runner,
        CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var offer = string.IsNullOrWhiteSpace(request.OfferId) ? null : await copies.OfferForAsync(user.DistrictCode, request.OfferId, cancellationToken);
        var decided = await ProjectEndpoints.DecideAsync(http, guard, runner, projectId,
            new RequestResource(offer, request.Date, request.From, request.To, request.Quantity, request.Purpose), _ => false, cancellationToken);
        var requested = decided.State.ResourceRequests[^1];
        return TypedResults.Accepted((string?)null, new RequestOutcome(projectId, requested.RequestId, requested.BookingId, decided.Version));
    }

    private static async Task<IResult> OffersAsync(
        string projectId, HttpContext http, AccessGuard guard, ProjectQueries queries, ProjectCopies copies, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = guard.CurrentUser(http);
        var project = await ProjectEndpoints.ReadableProjectAsync(user, projectId, guard, queries, copies, clock, cancellationToken);
        if (project.CommunityId is not { } communityId) return TypedResults.Ok(Array.Empty<OfferOption>());
        var today = DistrictTime.DateOf(clock.GetUtcNow());
        var offers = await copies.PublishedOffersAsync(user.DistrictCode, cancellationToken);
        return TypedResults.Ok(offers
            .Where(found => found.Offer.Facts.CommunityIds.Contains(communityId) && found.Offer.Facts.AvailableUntil >= today)
            .Select(found =>
            {
                var facts = found.Offer.Facts;
                var measure = OfferMeasures.Names.GetValueOrDefault(facts.CapacityMeasure, facts.CapacityMeasure);
                var timed = facts.CapacityScope == OfferMeasures.AtATime;
                return new OfferOption(found.Offer.RecordId, facts.Title, facts.UnitId, facts.Category, timed, measure, timed
                    ? $"每时段 {facts.CapacityAmount:0.##} {measure}，{facts.AvailableUntil:yyyy-MM-dd} 前可约"
                    : $"尚余 {facts.CapacityAmount - found.Booked:0.##} {measure}（共 {facts.CapacityAmount:0.##}）");
            })
            .OrderBy(option => option.Title, StringComparer.Ordinal)
            .ToList());
    }
}
