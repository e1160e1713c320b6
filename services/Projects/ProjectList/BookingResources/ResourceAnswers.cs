using MassTransit;
using Npgsql;
using Platform.Messaging;
using Resources = Platform.Contracts.Resources;

namespace Platform.Projects.ProjectList;

/// <summary>
/// Resources' answer to a project's request for part of an offer, decided on the project's stream once per message
/// (inbox): a booking made for a project, or a request refused. News about a project this district does not have, or
/// about a booking no request asked for, changes nothing.
/// </summary>
public abstract class ResourceAnswerConsumer<TMessage>(NpgsqlDataSource dataSource, CommandRunner runner) : IdempotentConsumer<TMessage>(dataSource)
    where TMessage : class
{
    protected async Task AnswerAsync(
        ConsumeContext<TMessage> context, NpgsqlTransaction transaction, string districtCode, string projectId, AnswerResourceRequest answer)
    {
        var origin = new CommandOrigin(districtCode, "service:resources", context.Correlation(), context.MessageId?.ToString());
        await using var scope = runner.Begin(origin, transaction);
        var project = await scope.LoadAsync(ProjectDecider.Decider, projectId, cancellationToken: context.CancellationToken);
        if (!project.Exists) return;
        scope.Decide(project, answer);
        await scope.CommitAsync(context.CancellationToken);
    }
}

public sealed class ResourceBookedForProjectConsumer(NpgsqlDataSource dataSource, CommandRunner runner)
    : ResourceAnswerConsumer<Resources.ResourceBooked>(dataSource, runner)
{
    protected override Task ConsumeOnceAsync(ConsumeContext<Resources.ResourceBooked> context, NpgsqlTransaction transaction) =>
        context.Message.ProjectId is { } projectId
            ? AnswerAsync(context, transaction, context.Message.DistrictCode, projectId, new AnswerResourceRequest(context.Message.BookingId, Booked: true, null))
            : Task.CompletedTask;
}

public sealed class ResourceBookingRefusedConsumer(NpgsqlDataSource dataSource, CommandRunner runner)
    : ResourceAnswerConsumer<Resources.ResourceBookingRefused>(dataSource, runner)
{
    protected override Task ConsumeOnceAsync(ConsumeContext<Resources.ResourceBookingRefused> context, NpgsqlTransaction transaction) =>
        AnswerAsync(context, transaction, context.Message.DistrictCode, context.Message.ProjectId,
            new AnswerResourceRequest(context.Message.BookingId, Booked: false, context.Message.Reason));
}
