using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.BookingResources;

/// <summary>富民街's parking lot project asks the 富民市政工程队 for its excavator for a day; Resources books it or says why not.</summary>
public sealed class RequestResourceTests
{
    private static readonly RequestedOffer Excavator = new("O-excavator", "小型挖掘机", "u-fmj-shizheng", Timed: false, ["fuminjie", "jianhualu"]);
    private static readonly RequestedOffer Hall = new("O-hall", "党群活动室", "u-fmj-post", Timed: true, ["fuminjie"]);

    private static readonly DateOnly Friday = Today.AddDays(4);
    private static readonly string BookingId = ProjectDecider.BookingIdOf(ProjectId, "R1");

    private static ResourceRequested Requested() =>
        new(ProjectId, Name, "R1", BookingId, "O-excavator", "小型挖掘机", "u-fmj-shizheng", "yongchang", "fuminjie", Friday, null, null, 1, "平整场地", Actor, Now);

    [Fact]
    public void A_request_names_the_booking_resources_makes_for_it() =>
        Spec.Given(Decided())
            .When(new RequestResource(Excavator, Friday, new TimeOnly(8, 0), new TimeOnly(12, 0), 1, " 平整场地 "))
            .Then(Requested())
            .AndState(project => Assert.Equal([new ResourceRequestState("R1", BookingId, "小型挖掘机", false)], project.ResourceRequests));

    [Fact]
    public void A_timed_offer_needs_its_span_and_an_offer_must_reach_the_projects_community() =>
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new RequestResource(Hall, Friday, null, null, 30, "居民议事会")).ThenInvalid("from"),
            () => Spec.Given(Decided()).When(new RequestResource(null, Today.AddDays(-1), null, null, 0, "")).ThenInvalid("offerId", "date", "quantity", "purpose"),
            () => Spec.Given(Decided()).When(new RequestResource(Excavator with { CommunityIds = ["beijie"] }, Friday, null, null, 1, "平整场地"))
                .ThenThrows<InvalidReferenceException>(),
            () => Spec.Given(Decided() with { Party = new ProjectParty("yongchang", null) }).When(new RequestResource(Excavator, Friday, null, null, 1, "平整场地"))
                .ThenThrows<RuleViolationException>());

    [Fact]
    public void The_first_answer_counts_and_one_for_no_request_is_history() =>
        Assert.Multiple(
            () => Spec.Given(Decided(), Requested()).When(new AnswerResourceRequest(BookingId, Booked: true, null))
                .Then(new ResourceRequestAnswered(ProjectId, "R1", BookingId, "小型挖掘机", true, null, Now)),
            () => Spec.Given(Decided(), Requested()).When(new AnswerResourceRequest(BookingId, Booked: false, "资源「小型挖掘机」在该时段已约满。"))
                .Then(new ResourceRequestAnswered(ProjectId, "R1", BookingId, "小型挖掘机", false, "资源「小型挖掘机」在该时段已约满。", Now)),
            () => Spec.Given(Decided(), Requested(), new ResourceRequestAnswered(ProjectId, "R1", BookingId, "小型挖掘机", true, null, Now))
                .When(new AnswerResourceRequest(BookingId, Booked: false, "重复")).ThenNothing(),
            () => Spec.Given(Decided()).When(new AnswerResourceRequest("B-someone-else", Booked: true, null)).ThenNothing());
}
