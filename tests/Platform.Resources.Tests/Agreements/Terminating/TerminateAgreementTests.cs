using static Platform.Resources.Tests.Agreements.AgreementGivens;

namespace Platform.Resources.Tests.Agreements.Terminating;

public sealed class TerminateAgreementTests
{
    [Fact]
    public void Terminating_records_the_reason_and_stops_the_timers() =>
        Spec.Given(Signed())
            .When(new TerminateAgreement(" 门店搬迁 "))
            .Then(new AgreementTerminated(AgreementId, "门店搬迁", Actor, Now))
            .AndState(agreement => Assert.Empty(Agreement.RunningDeadlines(agreement)));

    [Fact]
    public void Terminating_needs_a_reason() =>
        Spec.Given(Signed()).When(new TerminateAgreement(null)).ThenInvalid("reason");

    [Fact]
    public void An_expired_agreement_cannot_be_terminated() =>
        Spec.Given(Signed(), new AgreementExpired(AgreementId, EndsOn, Now)).When(new TerminateAgreement("迟了")).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_missing_agreement_is_not_found() =>
        Spec.Given().When(new TerminateAgreement("无")).ThenThrows<NotFoundException>();
}
