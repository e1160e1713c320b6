using Platform.Volunteers.Hours;

namespace Platform.Volunteers.Wishes;

/// <summary>A volunteer who did the work, and how long it took them.</summary>
public sealed record WishHelper(string VolunteerId, string Name, int? Minutes);

/// <summary>The claimer fulfils the wish with a note and a photo; each volunteer who did it is credited their time and points.</summary>
public sealed record FulfilWish(WishClaimer By, string? Note, WishPhoto Photo, IReadOnlyList<WishHelper> Helpers, ServiceRules Rules) : WishCommand;

public static partial class WishDecider
{
    private static WishFulfilled Fulfil(FulfilWish command, Wish state, DecisionContext context)
    {
        ExpectPosted(state);
        if (state.Status != WishStatus.Claimed) throw new RuleViolationException(state.Status == WishStatus.Open ? $"微心愿「{state.Title}」尚未被认领。" : $"微心愿「{state.Title}」已实现。");
        if (state.Claimer!.Kind != command.By.Kind || state.Claimer.Id != command.By.Id)
            throw new RuleViolationException($"微心愿「{state.Title}」由{state.Claimer.Name}认领，只能由认领方实现。");
        var most = (int)(command.Rules.MostHoursPerActivity * 60);
        new Validation()
            .Text(command.Note, "note", "实现情况", 500)
            .Require(command.Helpers.DistinctBy(helper => helper.VolunteerId).Count() == command.Helpers.Count, "volunteerIds", "志愿者重复。")
            .Require(command.Helpers.All(helper => helper.Minutes is > 0 && helper.Minutes <= most), "minutes", $"服务时长须为 1–{most} 分钟。")
            .ThrowIfInvalid();
        var next = state.EntriesPosted;
        var credits = new List<WishCredit>();
        foreach (var helper in command.Helpers)
        {
            var points = ServiceHours.PointsFor(helper.Minutes!.Value, WishEventFacts.ServiceKind, command.Rules);
            var entries = EntriesFor(state, helper.VolunteerId, helper.Minutes.Value, points, next);
            next += entries.Count;
            credits.Add(new WishCredit(helper.VolunteerId, helper.Name, helper.Minutes.Value, points, entries));
        }
        return new WishFulfilled(state.NeedId, state.Claimer, command.Note!.Trim(), command.Photo, credits, context.Actor, context.Now);
    }
}
