using MassTransit;
using Npgsql;
using Platform.EventSourcing.Commands;
using Platform.Kernel.Errors;
using Platform.Messaging;
using Platform.Needs.Handling;
using Platform.Needs.NeedList;
using Projects = Platform.Contracts.Projects;
using Volunteers = Platform.Contracts.Volunteers;

namespace Platform.Needs.Integration;

/// <summary>
/// Base of the consumers that turn another service's news into a command on a need, once per message (inbox), in
/// the message's district. A need that cannot take the news (unknown, or already past it) is logged and the message
/// acknowledged: retrying would not change the need's answer.
/// </summary>
public abstract class NeedNewsConsumer<TMessage>(
    NpgsqlDataSource dataSource, NeedsCommandHandler commands, ILogger logger, string source, Func<TMessage, string> districtOf,
    Func<TMessage, IEnumerable<(string NeedId, NeedCommand Command)>> commandsFor)
    : IdempotentConsumer<TMessage>(dataSource) where TMessage : class
{
    protected override async Task ConsumeOnceAsync(ConsumeContext<TMessage> context, NpgsqlTransaction transaction)
    {
        var origin = new CommandOrigin(districtOf(context.Message), $"service:{source}", context.Correlation(), context.MessageId?.ToString());
        foreach (var (needId, command) in commandsFor(context.Message))
        {
            await using var savepoint = new SavepointScope(transaction, "need_news");
            await savepoint.BeginAsync(context.CancellationToken);
            try
            {
                await commands.OnNeedFromMessageAsync(transaction, origin, needId, command, context.CancellationToken);
            }
            catch (Exception exception) when (exception is RuleViolationException or NotFoundException or InvalidCommandException)
            {
                await savepoint.RollbackAsync(context.CancellationToken);
                logger.LogWarning("{Message} for need {NeedId} not applied: {Reason}", typeof(TMessage).Name, needId, exception.Message);
            }
        }
    }

    /// <summary>Lets one need's refusal leave the others of the same message (a completed project's needs) applied.</summary>
    private sealed class SavepointScope(NpgsqlTransaction transaction, string name) : IAsyncDisposable
    {
        public Task BeginAsync(CancellationToken cancellationToken) => transaction.SaveAsync(name, cancellationToken);

        public Task RollbackAsync(CancellationToken cancellationToken) => transaction.RollbackAsync(name, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

public sealed class NeedMatchedToProjectConsumer(NpgsqlDataSource dataSource, NeedsCommandHandler commands, ILogger<NeedMatchedToProjectConsumer> logger)
    : NeedNewsConsumer<Projects.NeedMatchedToProject>(dataSource, commands, logger, "projects", message => message.DistrictCode,
        message => [(message.NeedId, new MatchNeedToProject(message.ProjectId, message.ProjectName))]);

public sealed class ProjectCompletedConsumer(NpgsqlDataSource dataSource, NeedsCommandHandler commands, ILogger<ProjectCompletedConsumer> logger)
    : NeedNewsConsumer<Projects.ProjectCompleted>(dataSource, commands, logger, "projects", message => message.DistrictCode,
        message => message.NeedIds.Select(needId => (needId, (NeedCommand)new ResolveNeed($"项目「{message.ProjectName}」完成：{message.Summary}", ResolutionSources.Project))));

public sealed class ProjectDroppedConsumer(NpgsqlDataSource dataSource, NeedsCommandHandler commands, ILogger<ProjectDroppedConsumer> logger)
    : NeedNewsConsumer<Projects.ProjectDropped>(dataSource, commands, logger, "projects", message => message.DistrictCode,
        message => message.NeedIds.Select(needId => (needId, (NeedCommand)new ReturnNeedFromProject(message.ProjectId, message.ProjectName, message.Reason))));

public sealed class MicroWishClaimedConsumer(NpgsqlDataSource dataSource, NeedsCommandHandler commands, ILogger<MicroWishClaimedConsumer> logger)
    : NeedNewsConsumer<Volunteers.MicroWishClaimed>(dataSource, commands, logger, "volunteers", message => message.DistrictCode,
        message => [(message.NeedId, new ClaimMicroWish(message.VolunteerId, message.VolunteerName))]);

public sealed class MicroWishReleasedConsumer(NpgsqlDataSource dataSource, NeedsCommandHandler commands, ILogger<MicroWishReleasedConsumer> logger)
    : NeedNewsConsumer<Volunteers.MicroWishReleased>(dataSource, commands, logger, "volunteers", message => message.DistrictCode,
        message => [(message.NeedId, new LapseMicroWishClaim(message.VolunteerId, message.Reason))]);

public sealed class MicroWishFulfilledConsumer(NpgsqlDataSource dataSource, NeedsCommandHandler commands, ILogger<MicroWishFulfilledConsumer> logger)
    : NeedNewsConsumer<Volunteers.MicroWishFulfilled>(dataSource, commands, logger, "volunteers", message => message.DistrictCode,
        message => [(message.NeedId, new ResolveNeed(string.IsNullOrWhiteSpace(message.Note) ? "微心愿已实现。" : message.Note, ResolutionSources.MicroWish))]);

/// <summary>A community whistled an overdue task of its project: the Needs service opens it as a need with its whistle
/// case, once per message.</summary>
public sealed class ProjectTaskEscalatedConsumer(NpgsqlDataSource dataSource, NeedsCommandHandler commands)
    : IdempotentConsumer<Projects.ProjectTaskEscalated>(dataSource)
{
    protected override Task ConsumeOnceAsync(ConsumeContext<Projects.ProjectTaskEscalated> context, NpgsqlTransaction transaction) =>
        commands.TakeWhistledProjectTaskAsync(
            transaction, new CommandOrigin(context.Message.DistrictCode, "service:projects", context.Correlation(), context.MessageId?.ToString()),
            context.Message, context.CancellationToken);
}
