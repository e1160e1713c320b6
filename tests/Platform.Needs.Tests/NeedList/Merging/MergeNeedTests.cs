using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Merging;

public sealed class MergeNeedTests
{
    [Fact]
    public void Merging_a_duplicate_records_the_original() =>
        Spec.Given(Raised())
            .When(new MergeNeed("need-0000", " 同一垃圾桶 "))
            .Then(new NeedMergedAsDuplicate(NeedId, "need-0000", "同一垃圾桶", Actor, Now))
            .AndState(need => Assert.Equal(NeedStatus.Merged, need.Status));

    [Fact]
    public void Merging_without_a_reason_says_it_was_reported_twice() =>
        Spec.Given(Raised(), Accepted())
            .When(new MergeNeed("need-0000", null))
            .Then(new NeedMergedAsDuplicate(NeedId, "need-0000", "重复反映", Actor, Now));

    [Fact]
    public void Merging_into_itself_is_invalid() =>
        Spec.Given(Raised()).When(new MergeNeed(NeedId, null)).ThenInvalid("duplicateOfNeedId");

    [Fact]
    public void Merging_into_nothing_is_invalid() =>
        Spec.Given(Raised()).When(new MergeNeed(" ", null)).ThenInvalid("duplicateOfNeedId");

    [Fact]
    public void Merging_an_escalated_need_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new MergeNeed("need-0000", null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Merging_a_missing_need_is_not_found() =>
        Spec.Given().When(new MergeNeed("need-0000", null)).ThenThrows<NotFoundException>();
}
