using MassTransit;
using Npgsql;
using Platform.Messaging;
using Needs = Platform.Contracts.Needs;

namespace Platform.Volunteers.Wishes;

/// <summary>Needs published a wish: it goes on its community's board once, its free text masked of phone and ID numbers.</summary>
public sealed record PostWish(string NeedId, string Title, string Description, string StreetId, string CommunityId, string? GridId) : WishCommand;

public static partial class WishDecider
{
    private static IReadOnlyList<WishEvent> Post(PostWish command, Wish state, DecisionContext context) =>
        state.Status != WishStatus.None
            ? []
            : [new WishPosted(command.NeedId, PersonalData.MaskInText(command.Title), PersonalData.MaskInText(command.Description), command.StreetId,
                command.CommunityId, command.GridId, context.Actor, context.Now)];
}

/// <summary>Puts each published wish on the board, in the inbox's transaction, so a redelivered message posts nothing twice.</summary>
public sealed class MicroWishPublishedConsumer(NpgsqlDataSource dataSource, CommandRunner runner) : IdempotentConsumer<Needs.MicroWishPublished>(dataSource)
{
    protected override async Task ConsumeOnceAsync(ConsumeContext<Needs.MicroWishPublished> context, NpgsqlTransaction transaction)
    {
        var message = context.Message;
        await using var scope = runner.Begin(
            new CommandOrigin(message.DistrictCode, "service:needs", context.Correlation(), context.MessageId?.ToString(), "需求清单"), transaction);
        var wish = await scope.LoadAsync(WishDecider.Decider, message.NeedId, cancellationToken: context.CancellationToken);
        scope.Decide(wish, new PostWish(message.NeedId, message.Title, message.Description, message.Place.StreetId, message.Place.CommunityId, message.Place.GridId));
        await scope.CommitAsync(context.CancellationToken);
    }
}
