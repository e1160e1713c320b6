using static Platform.Needs.Tests.Cases.CaseGivens;

namespace Platform.Needs.Tests.Cases.Dispatching;

/// <summary>DispatchCase: deadlines from the catalogue.</summary>
public sealed class DispatchCaseTests
{
    [Fact]
    public void Dispatching_a_general_case_gives_1_hour_to_sign_and_168_hours_to_handle() =>
        Spec.Given(Blown())
            .When(new DispatchCase(Lead, [Assisting], ["unit-1"], null, " 请尽快处理 "))
            .Then(new CaseDispatched(
                CaseId, WhistleLevels.Street, Lead, [Assisting], ["unit-1"], "general", 1, Now.AddHours(1), Now.AddHours(168), "请尽快处理", Actor, Now))
            .AndState(@case =>
            {
                Assert.Equal(CaseStatus.Dispatched, @case.Status);
                Assert.Equal(new[] { Lead, Assisting }, @case.DepartmentIds);
                Assert.Equal(1, @case.Round);
            });

    [Fact]
    public void Dispatching_an_emergency_gives_the_emergency_2_hours() =>
        Spec.Given(Blown(category: "env", urgency: "emergency"))
            .When(new DispatchCase(Lead, null, null, null, null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.Street, Lead, [], [], "emergency", 1, Now.AddHours(1), Now.AddHours(2), null, Actor, Now));

    [Fact]
    public void Dispatching_a_sewer_case_gives_the_utility_24_hours() =>
        Spec.Given(Blown(category: "sewer"))
            .When(new DispatchCase("dept-swj", null, null, null, null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.Street, "dept-swj", [], [], "utility", 1, Now.AddHours(1), Now.AddHours(24), null, Actor, Now));

    [Fact]
    public void Dispatching_with_an_explicit_handling_class_uses_that_class() =>
        Spec.Given(Blown())
            .When(new DispatchCase(Lead, null, null, "complex", null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.Street, Lead, [], [], "complex", 1, Now.AddHours(1), Now.AddHours(360), null, Actor, Now));

    [Fact]
    public void Dispatching_keeps_the_level_the_case_was_escalated_to() =>
        Spec.Given(Blown(), new CaseEscalated(CaseId, WhistleLevels.Street, WhistleLevels.District, false, "久拖不决", "staff-street-1", BlownAt))
            .When(new DispatchCase(Lead, null, null, null, null))
            .Then(new CaseDispatched(CaseId, WhistleLevels.District, Lead, [], [], "general", 1, Now.AddHours(1), Now.AddHours(168), null, Actor, Now));

    [Theory]
    [InlineData("leadDepartmentId")]
    [InlineData("assistingDepartmentIds.duplicate")]
    [InlineData("assistingDepartmentIds.empty")]
    [InlineData("assistingDepartmentIds.lead")]
    [InlineData("assistingDepartmentIds.many")]
    [InlineData("participatingUnitIds")]
    [InlineData("handlingClass")]
    [InlineData("note")]
    public void A_malformed_dispatch_names_the_field(string problem)
    {
        var valid = new DispatchCase(Lead, [Assisting], ["unit-1"], null, null);
        var eleven = Enumerable.Range(1, 11).Select(number => $"dept-{number}").ToList();
        var command = problem switch
        {
            "leadDepartmentId" => valid with { LeadDepartmentId = null },
            "assistingDepartmentIds.duplicate" => valid with { AssistingDepartmentIds = [Assisting, Assisting] },
            "assistingDepartmentIds.empty" => valid with { AssistingDepartmentIds = [""] },
            "assistingDepartmentIds.lead" => valid with { AssistingDepartmentIds = [Lead] },
            "assistingDepartmentIds.many" => valid with { AssistingDepartmentIds = eleven },
            "participatingUnitIds" => valid with { ParticipatingUnitIds = eleven },
            "handlingClass" => valid with { HandlingClass = "someday" },
            "note" => valid with { Note = new string('说', 1001) },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        Spec.Given(Blown()).When(command).ThenInvalid(problem.Split('.')[0]);
    }

    [Fact]
    public void Dispatching_twice_is_refused() =>
        Spec.Given(Blown(), Dispatched()).When(new DispatchCase(Lead, null, null, null, null)).ThenThrows<RuleViolationException>();

    [Fact]
    public void Dispatching_a_missing_case_is_not_found() =>
        Spec.Given().When(new DispatchCase(Lead, null, null, null, null)).ThenThrows<NotFoundException>();
}
