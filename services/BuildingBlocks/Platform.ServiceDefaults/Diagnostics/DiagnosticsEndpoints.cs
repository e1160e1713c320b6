using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Authorization;

namespace Platform.ServiceDefaults.Diagnostics;

public static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/diagnostics").WithTags("Diagnostics");

        group.MapPost("/pings", async (IPublishEndpoint publisher, ServiceIdentity identity, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var ping = new PingSent(Guid.NewGuid(), identity.Service, clock.GetUtcNow());
                await publisher.Publish(ping, cancellationToken);
                return TypedResults.Accepted($"diagnostics/pings/{ping.PingId}", ping);
            })
            .RequireAccess(PlatformActions.SendPing)
            .WithName("SendPing")
            .WithSummary("发布一条连通性检测消息，各服务收到后记录。");

        group.MapGet("/pings/{pingId:guid}", (Guid pingId, PingLedger ledger) =>
                ledger.Find(pingId) is { } receipt
                    ? Results.Ok(receipt)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "This service has not received that ping."))
            .RequireAccess(PlatformActions.ReadPing)
            .WithName("GetPingReceipt")
            .WithSummary("本服务是否收到该检测消息，以及收到时间。");

        return endpoints;
    }
}
