using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Whistling;

public sealed class BlowWhistleTests
{
    [Fact]
    public void Blowing_the_whistle_opens_a_case_awaiting_dispatch() =>
        Spec.Given()
            .When(ValidBlow())
            .Then(new WhistleBlown(
                CaseId, NeedId, "垃圾桶满溢", "env", "normal", ThePlace, WhistleLevels.Street, "routine", "社区协调物业未果", ["两次约谈物业"], false, Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.AwaitingDispatch, @case.Status);
                Assert.Equal(WhistleLevels.Street, @case.Level);
            });

    [Fact]
    public void An_automatic_whistle_needs_no_account_of_what_the_community_tried() =>
        Spec.Given()
            .When(ValidBlow() with { TriedByCommunity = null, Automatic = true, Reason = "社区办理超时" })
            .Then(new WhistleBlown(
                CaseId, NeedId, "垃圾桶满溢", "env", "normal", ThePlace, WhistleLevels.Street, "routine", "社区办理超时", [], true, Actor, Now));

    [Fact]
    public void Blowing_an_existing_case_again_is_refused() =>
        Spec.Given(Blown()).When(ValidBlow()).ThenThrows<RuleViolationException>();

    [Theory]
    [InlineData("level", WhistleLevels.Community)]
    [InlineData("level", null)]
    [InlineData("whistleType", "loud")]
    [InlineData("reason", " ")]
    [InlineData("triedByCommunity", "none")]
    [InlineData("triedByCommunity", "empty item")]
    public void A_malformed_whistle_names_the_field(string field, string? value)
    {
        var valid = ValidBlow();
        var command = field switch
        {
            "level" => valid with { Level = value },
            "whistleType" => valid with { WhistleType = value },
            "reason" => valid with { Reason = value },
            _ when value == "none" => valid with { TriedByCommunity = [] },
            _ => valid with { TriedByCommunity = ["约谈物业", ""] },
        };
        Spec.Given().When(command).ThenInvalid(field);
    }
}
