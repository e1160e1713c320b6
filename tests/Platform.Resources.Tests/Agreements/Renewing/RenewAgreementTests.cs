using static Platform.Resources.Tests.Agreements.AgreementGivens;

namespace Platform.Resources.Tests.Agreements.Renewing;

public sealed class RenewAgreementTests
{
    private static readonly DateOnly NextEnd = new(2027, 12, 31);

    [Fact]
    public void Renewing_keeps_the_commitments_unless_new_ones_are_given() =>
        Spec.Given(Signed())
            .When(new RenewAgreement(NextEnd, null))
            .Then(new AgreementRenewed(AgreementId, StartsOn, NextEnd, Promises, Actor, Now))
            .AndState(agreement => Assert.Equal(NextEnd, agreement.EndsOn));

    [Fact]
    public void An_expired_agreement_renewed_is_in_force_again_and_warns_again_for_its_new_end() =>
        Spec.Given(Signed(), new AgreementExpiryWarned(AgreementId, EndsOn, Now), new AgreementExpired(AgreementId, EndsOn, Now))
            .When(new RenewAgreement(NextEnd, [new("腊八粥", "servings", 500, "year")]))
            .Then(new AgreementRenewed(AgreementId, StartsOn, NextEnd, [new("腊八粥", "servings", 500, "year")], Actor, Now))
            .AndState(agreement =>
            {
                Assert.Equal(AgreementStatus.Active, agreement.Status);
                Assert.Contains(Agreement.RunningDeadlines(agreement), deadline => deadline is { Kind: AgreementDeadline.Warning, EndsOn: var end } && end == NextEnd);
            });

    [Fact]
    public void A_renewal_must_end_later() =>
        Spec.Given(Signed()).When(new RenewAgreement(EndsOn, null)).ThenInvalid("endsOn");

    [Fact]
    public void A_terminated_agreement_is_signed_again_not_renewed() =>
        Spec.Given(Signed(), new AgreementTerminated(AgreementId, "门店搬迁", Actor, Now))
            .When(new RenewAgreement(NextEnd, null))
            .ThenThrows<RuleViolationException>();
}
