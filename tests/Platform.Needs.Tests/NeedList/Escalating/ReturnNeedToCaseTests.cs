using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Escalating;

/// <summary>ReturnNeedToCase (重办 by the department).</summary>
public sealed class ReturnNeedToCaseTests
{
    [Fact]
    public void A_need_resolved_by_its_case_returns_to_the_case() =>
        Spec.Given(Raised(), Accepted(), Escalated(), Resolved(ResolutionSources.WhistleCase), Feedback(false, false))
            .When(new ReturnNeedToCase(CaseId, "居民不满意"))
            .Then(new NeedReturnedToCase(NeedId, CaseId, "居民不满意", Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Escalated, need.Status);
                Assert.False(need.FeedbackGiven);
            });

    [Fact]
    public void Returning_to_another_case_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated(), Resolved(ResolutionSources.WhistleCase))
            .When(new ReturnNeedToCase("case-0002", "居民不满意"))
            .ThenThrows<RuleViolationException>();

    [Fact]
    public void Returning_an_unresolved_need_is_refused() =>
        Spec.Given(Raised(), Accepted(), Escalated()).When(new ReturnNeedToCase(CaseId, "居民不满意")).ThenThrows<RuleViolationException>();

    [Fact]
    public void Returning_a_missing_need_is_not_found() =>
        Spec.Given().When(new ReturnNeedToCase(CaseId, "居民不满意")).ThenThrows<NotFoundException>();

    private static MediaReference KeptPhoto(int number) => new($"0193a000-0000-7000-8000-00000000000{number}", null, new string('a', 63) + number);

    [Fact]
    public void A_photo_is_added_to_a_need_that_is_being_worked_on()
    {
        Spec.Given(Raised(), Accepted(), Escalated())
            .When(new AddNeedMedia([KeptPhoto(1)]))
            .Then(new NeedMediaAdded(NeedId, [KeptPhoto(1)], Actor, Now))
            .AndState(need => Assert.Equal(1, need.MediaCount));
    }

    [Fact]
    public void A_closed_or_rejected_need_takes_no_more_photos()
    {
        Spec.Given(Raised(), Accepted(), Resolved(), Feedback(), Closed()).When(new AddNeedMedia([KeptPhoto(1)])).ThenThrows<RuleViolationException>();
        Spec.Given(Raised(), new NeedRejected(NeedId, "不属于本社区", "staff-community-1", AcceptedAt)).When(new AddNeedMedia([KeptPhoto(1)])).ThenThrows<RuleViolationException>();
    }

    [Fact]
    public void A_need_keeps_at_most_five_files_counting_those_sent_when_it_was_raised()
    {
        var raisedWithThree = Raised() with { Media = [KeptPhoto(1), KeptPhoto(2), new MediaReference(null, "https://example.org/3.jpg")] };

        Spec.Given(raisedWithThree).When(new AddNeedMedia([KeptPhoto(4), KeptPhoto(5), KeptPhoto(6)])).ThenInvalid("media");
        Spec.Given(raisedWithThree).When(new AddNeedMedia([KeptPhoto(4), KeptPhoto(5)])).Then(new NeedMediaAdded(NeedId, [KeptPhoto(4), KeptPhoto(5)], Actor, Now));
    }

    [Fact]
    public void A_kept_file_without_its_digest_or_a_link_that_is_not_the_web_is_refused()
    {
        Spec.Given(Raised()).When(new AddNeedMedia([new MediaReference("0193a000-0000-7000-8000-000000000001", null)])).ThenInvalid("media");
        Spec.Given(Raised()).When(new AddNeedMedia([new MediaReference(null, "javascript:alert(1)")])).ThenInvalid("media");
        Spec.Given(Raised()).When(new AddNeedMedia([])).ThenInvalid("media");
    }
}
