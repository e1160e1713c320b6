namespace Platform.Volunteers.Tests.Registry;

/// <summary>双报到 in 兴华南里 (seed 002): 陶磊, an in-service member who lives there, reports and takes a post.</summary>
public sealed class RegisterVolunteerTests
{
    private const string VolunteerId = "v-001";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DeciderSpecification<VolunteerCommand, VolunteerEvent, Volunteer> Spec = new(VolunteerDecider.Decider, "xinghua-staff", Now);

    private static RegisterVolunteer Valid() => new(
        VolunteerId, VolunteerKinds.InServiceMember, new Person(" 陶磊 ", "13800000357", "11010519900307123x"), "linxiaolu", "xinghuananli",
        "xinghuananli-g2-b06", new Employer(null, " 示范区医院 "), new Offering([" 医疗护理 ", "巡逻"], "周末上午"), null);

    private static VolunteerRegistered Registered() => new(
        VolunteerId, VolunteerKinds.InServiceMember, new Person("陶磊", "13800000357", "11010519900307123X"), "linxiaolu", "xinghuananli",
        "xinghuananli-g2-b06", new Employer(null, "示范区医院"), new Offering(["医疗护理", "巡逻"], "周末上午"), null, "xinghua-staff", Now);

    [Fact]
    public void A_member_reports_trimmed_and_waits_for_the_community() =>
        Spec.Given().When(Valid()).Then(Registered()).AndState(volunteer => Assert.Equal(VolunteerStatus.Pending, volunteer.Status));

    [Fact]
    public void The_community_confirms_and_sets_the_post() =>
        Spec.Given(Registered()).When(new ConfirmReport(" 巡逻岗 ", "每月两次夜间巡逻"))
            .Then(new VolunteerReportConfirmed(VolunteerId, "巡逻岗", "每月两次夜间巡逻", "xinghua-staff", Now))
            .AndState(volunteer => Assert.Equal(VolunteerStatus.Active, volunteer.Status));

    [Fact]
    public void A_resident_volunteer_needs_no_employer_and_keeps_none() =>
        Spec.Given().When(Valid() with { Kind = VolunteerKinds.Resident, Employer = null }).Then(Registered() with { Kind = VolunteerKinds.Resident, Employer = null });

    [Theory]
    [InlineData("kind")]
    [InlineData("person.phone")]
    [InlineData("person.idNumber")]
    [InlineData("employer.name")]
    [InlineData("offering.skills")]
    public void A_malformed_report_names_the_field(string field)
    {
        var valid = Valid();
        var command = field switch
        {
            "kind" => valid with { Kind = "friend" },
            "person.phone" => valid with { Person = valid.Person! with { Phone = "call me" } },
            "person.idNumber" => valid with { Person = valid.Person! with { IdNumber = "12345" } },
            "employer.name" => valid with { Employer = null },
            _ => valid with { Offering = new Offering([""], null) },
        };
        Spec.Given().When(command).ThenInvalid(field);
    }

    [Fact]
    public void Confirming_twice_or_after_leaving_is_refused()
    {
        var confirmed = new VolunteerReportConfirmed(VolunteerId, "巡逻岗", null, "xinghua-staff", Now);
        Spec.Given(Registered(), confirmed).When(new ConfirmReport("楼门长", null)).ThenThrows<RuleViolationException>();
        Spec.Given(Registered(), new VolunteerLeft(VolunteerId, "迁出", "xinghua-staff", Now)).When(new ConfirmReport("楼门长", null)).ThenThrows<RuleViolationException>();
        Spec.Given().When(new ConfirmReport("楼门长", null)).ThenThrows<NotFoundException>();
    }
}
