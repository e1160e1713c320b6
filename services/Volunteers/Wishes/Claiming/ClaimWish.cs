namespace Platform.Volunteers.Wishes;

/// <summary>A volunteer, a team or a unit takes a wish on, promising it by <paramref name="Deadline"/>.</summary>
public sealed record ClaimWish(WishClaimer Claimer, DateOnly? Deadline) : WishCommand;

public static partial class WishDecider
{
    /// <summary>A wish is a small thing: promised within three months at the most.</summary>
    public const int LongestPromiseDays = 90;

    private static WishClaimed Claim(ClaimWish command, Wish state, DecisionContext context)
    {
        ExpectPosted(state);
        if (state.Status != WishStatus.Open)
            throw new RuleViolationException(state.Status == WishStatus.Claimed ? $"微心愿「{state.Title}」已被{state.Claimer!.Name}认领。" : $"微心愿「{state.Title}」已实现。");
        var today = DistrictTime.DateOf(context.Now);
        new Validation()
            .Require(command.Deadline is not null, "deadline", "须写明承诺实现的日期。")
            .Require(command.Deadline is null || command.Deadline >= today, "deadline", "承诺日期不能早于今天。")
            .Require(command.Deadline is null || command.Deadline <= today.AddDays(LongestPromiseDays), "deadline", $"承诺日期最晚为 {LongestPromiseDays} 天内。")
            .ThrowIfInvalid();
        return new WishClaimed(state.NeedId, command.Claimer, command.Deadline!.Value, context.Actor, context.Now);
    }
}
