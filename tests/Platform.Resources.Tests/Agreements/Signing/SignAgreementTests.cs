using static Platform.Resources.Tests.Agreements.AgreementGivens;

namespace Platform.Resources.Tests.Agreements.Signing;

public sealed class SignAgreementTests
{
    [Fact]
    public void Signing_records_the_term_and_the_commitments_trimmed() =>
        Spec.Given()
            .When(ValidSign())
            .Then(new AgreementSigned(AgreementId, "u-laodong", "老东粥皇", Yongxinglu, "爱心腊八粥共建协议", StartsOn, EndsOn, Promises, Actor, Now))
            .AndState(agreement => Assert.Equal(AgreementStatus.Active, agreement.Status));

    [Fact]
    public void Signing_twice_is_refused() =>
        Spec.Given(Signed()).When(ValidSign()).ThenThrows<RuleViolationException>();

    [Theory]
    [InlineData("endsOn.before")]
    [InlineData("endsOn.too-long")]
    [InlineData("endsOn.past")]
    [InlineData("commitments")]
    [InlineData("commitments[0].amount")]
    [InlineData("commitments[0].measure")]
    [InlineData("commitments[0].per")]
    public void A_malformed_agreement_names_the_field(string problem)
    {
        var valid = ValidSign();
        var (command, field) = problem switch
        {
            "endsOn.before" => (valid with { EndsOn = StartsOn }, "endsOn"),
            "endsOn.too-long" => (valid with { EndsOn = StartsOn.AddYears(6) }, "endsOn"),
            "endsOn.past" => (valid with { StartsOn = new DateOnly(2024, 1, 1), EndsOn = new DateOnly(2025, 12, 31) }, "endsOn"),
            "commitments" => (valid with { Commitments = [] }, "commitments"),
            "commitments[0].amount" => (valid with { Commitments = [Promises[0] with { Amount = 0 }] }, "commitments[0].amount"),
            "commitments[0].measure" => (valid with { Commitments = [Promises[0] with { Measure = "bowls" }] }, "commitments[0].measure"),
            _ => (valid with { Commitments = [Promises[0] with { Per = "decade" }] }, "commitments[0].per"),
        };
        Spec.Given().When(command).ThenInvalid(field);
    }

    [Fact]
    public void The_timers_of_a_new_agreement_are_the_warning_30_days_ahead_and_the_expiry_after_its_last_day()
    {
        var signed = AgreementDecider.Decider.Fold([Signed()]);
        Assert.Equal(
            [
                new AgreementDeadline(AgreementDeadline.Warning, EndsOn, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8))),
                new AgreementDeadline(AgreementDeadline.Expiry, EndsOn, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))),
            ],
            Agreement.RunningDeadlines(signed));
    }
}
