using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.RecordingFeedback;

/// <summary>RecordFeedback (回访).</summary>
public sealed class RecordFeedbackTests
{
    [Fact]
    public void Feedback_is_recorded_on_a_resolved_need() =>
        Spec.Given(Raised(), Accepted(), Resolved())
            .When(new RecordFeedback(true, false, " 清运太慢 "))
            .Then(new FeedbackRecorded(NeedId, true, false, "清运太慢", Actor, Now))
            .AndState(need => Assert.True(need.FeedbackGiven));

    [Theory]
    [InlineData("resolved")]
    [InlineData("satisfied")]
    [InlineData("comment")]
    public void Malformed_feedback_names_the_field(string field)
    {
        var command = field switch
        {
            "resolved" => new RecordFeedback(null, true, null),
            "satisfied" => new RecordFeedback(true, null, null),
            _ => new RecordFeedback(true, true, new string('好', 1001)),
        };
        Spec.Given(Raised(), Accepted(), Resolved()).When(command).ThenInvalid(field);
    }

    [Fact]
    public void Feedback_twice_in_one_round_is_refused() =>
        Spec.Given(Raised(), Accepted(), Resolved(), Feedback()).When(new RecordFeedback(true, true, null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Feedback_on_an_unresolved_need_is_refused() =>
        Spec.Given(Raised(), Accepted()).When(new RecordFeedback(true, true, null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Feedback_on_a_missing_need_is_not_found() =>
        Spec.Given().When(new RecordFeedback(true, true, null)).ThenThrows<NotFoundException>();
}
