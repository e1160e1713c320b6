using static Platform.Resources.Tests.Units.UnitGivens;

namespace Platform.Resources.Tests.Units.Joining;

public sealed class JoinUnitTests
{
    [Fact]
    public void Joining_records_the_unit_trimmed_with_its_communities() =>
        Spec.Given()
            .When(ValidJoin())
            .Then(new UnitJoined(UnitId, "老东粥皇", UnitKinds.Signed, GaoHaoran, [Yongxinglu], Actor, Now))
            .AndState(unit =>
            {
                Assert.Equal(UnitStatus.Active, unit.Status);
                Assert.Equal([Yongxinglu], unit.Communities);
            });

    [Fact]
    public void A_unit_may_join_without_a_liaison_yet() =>
        Spec.Given()
            .When(ValidJoin() with { Liaison = null })
            .Then(new UnitJoined(UnitId, "老东粥皇", UnitKinds.Signed, null, [Yongxinglu], Actor, Now));

    [Fact]
    public void Joining_twice_is_refused() =>
        Spec.Given(Joined()).When(ValidJoin()).ThenThrows<RuleViolationException>();

    [Theory]
    [InlineData("name")]
    [InlineData("kind")]
    [InlineData("liaison.phone")]
    [InlineData("liaison.name")]
    [InlineData("communityIds")]
    [InlineData("communityIds.twice")]
    public void A_malformed_join_names_the_field(string problem)
    {
        var valid = ValidJoin();
        var (command, field) = problem switch
        {
            "name" => (valid with { Name = "老东\u202E粥皇" }, "name"),
            "kind" => (valid with { Kind = "friend" }, "kind"),
            "liaison.phone" => (valid with { Liaison = GaoHaoran with { Phone = "call me" } }, "liaison.phone"),
            "liaison.name" => (valid with { Liaison = GaoHaoran with { Name = " " } }, "liaison.name"),
            "communityIds" => (valid with { Communities = [] }, "communityIds"),
            _ => (valid with { Communities = [Yongxinglu, Yongxinglu] }, "communityIds"),
        };
        Spec.Given().When(command).ThenInvalid(field);
    }

    [Fact]
    public void An_empty_join_lists_every_missing_field() =>
        Spec.Given().When(new JoinUnit(UnitId, null, null, null, null)).ThenInvalid("name", "kind", "communityIds");
}
