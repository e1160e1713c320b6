using static Platform.Resources.Tests.Units.UnitGivens;

namespace Platform.Resources.Tests.Units.Leaving;

public sealed class LeaveUnitTests
{
    [Fact]
    public void Leaving_records_the_reason() =>
        Spec.Given(Joined())
            .When(new LeaveUnit(" 门店搬迁 "))
            .Then(new UnitLeft(UnitId, "门店搬迁", Actor, Now))
            .AndState(unit => Assert.Equal(UnitStatus.Left, unit.Status));

    [Fact]
    public void Leaving_needs_a_reason() =>
        Spec.Given(Joined()).When(new LeaveUnit("")).ThenInvalid("reason");

    [Fact]
    public void A_unit_leaves_once() =>
        Spec.Given(Joined(), Left()).When(new LeaveUnit("再次退出")).ThenThrows<RuleViolationException>();
}
