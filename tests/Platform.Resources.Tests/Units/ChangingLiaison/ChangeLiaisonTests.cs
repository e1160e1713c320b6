using static Platform.Resources.Tests.Units.UnitGivens;

namespace Platform.Resources.Tests.Units.ChangingLiaison;

public sealed class ChangeLiaisonTests
{
    [Fact]
    public void A_new_liaison_is_recorded_trimmed() =>
        Spec.Given(Joined())
            .When(new ChangeLiaison(new Liaison(" 向卫东 ", "13800000075", null)))
            .Then(new UnitLiaisonChanged(UnitId, new Liaison("向卫东", "13800000075", null), Actor, Now));

    [Fact]
    public void A_liaison_is_required() =>
        Spec.Given(Joined()).When(new ChangeLiaison(null)).ThenInvalid("liaison");

    [Fact]
    public void A_unit_that_left_keeps_its_last_liaison() =>
        Spec.Given(Joined(), Left()).When(new ChangeLiaison(GaoHaoran)).ThenThrows<RuleViolationException>();

    [Fact]
    public void A_missing_unit_is_not_found() =>
        Spec.Given().When(new ChangeLiaison(GaoHaoran)).ThenThrows<NotFoundException>();
}
