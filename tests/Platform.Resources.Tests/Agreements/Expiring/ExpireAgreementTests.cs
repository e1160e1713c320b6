using static Platform.Resources.Tests.Agreements.AgreementGivens;

namespace Platform.Resources.Tests.Agreements.Expiring;

public sealed class ExpireAgreementTests
{
    private static readonly DateTimeOffset AfterItsEnd = new(2027, 1, 1, 0, 0, 1, TimeSpan.FromHours(8));

    [Fact]
    public void The_warning_goes_out_once_for_each_end() =>
        Spec.Given(Signed())
            .When(new WarnAgreementExpiry(EndsOn))
            .Then(new AgreementExpiryWarned(AgreementId, EndsOn, Now))
            .AndState(agreement => Assert.Equal([AgreementDeadline.Expiry], Agreement.RunningDeadlines(agreement).Select(deadline => deadline.Kind)));

    [Fact]
    public void A_second_warning_for_the_same_end_decides_nothing() =>
        Spec.Given(Signed(), new AgreementExpiryWarned(AgreementId, EndsOn, Now)).When(new WarnAgreementExpiry(EndsOn)).ThenNothing();

    [Fact]
    public void The_agreement_expires_after_its_last_day() =>
        Spec.Given(Signed())
            .When(new ExpireAgreement(EndsOn), AfterItsEnd)
            .Then(new AgreementExpired(AgreementId, EndsOn, AfterItsEnd))
            .AndState(agreement => Assert.Empty(Agreement.RunningDeadlines(agreement)));

    [Fact]
    public void A_timer_for_an_end_the_agreement_no_longer_has_decides_nothing() =>
        Spec.Given(Signed(), new AgreementRenewed(AgreementId, StartsOn, new DateOnly(2027, 12, 31), Promises, Actor, Now))
            .When(new ExpireAgreement(EndsOn), AfterItsEnd)
            .ThenNothing();

    [Fact]
    public void An_agreement_does_not_expire_on_its_last_day() =>
        Spec.Given(Signed()).When(new ExpireAgreement(EndsOn), new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.FromHours(8))).ThenNothing();
}
