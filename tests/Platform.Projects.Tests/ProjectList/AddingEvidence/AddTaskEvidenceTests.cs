using static Platform.Projects.Tests.ProjectList.ProjectGivens;

namespace Platform.Projects.Tests.ProjectList.AddingEvidence;

public sealed class AddTaskEvidenceTests
{
    private static readonly TaskEvidence Photo = new("0193a000-0000-7000-8000-0000000000aa", "测绘现场.jpg", "image/jpeg", 40_960, "c0ffee");

    [Fact]
    public void A_kept_photo_becomes_evidence_of_its_task() =>
        Spec.Given(Decided())
            .When(new AddTaskEvidence("T1", Photo))
            .Then(new TaskEvidenceAdded(ProjectId, "T1", SurveyTask.What, Photo, Actor, Now))
            .AndState(project => Assert.Equal((1, 0), (project.EvidenceOf("T1"), project.EvidenceOf("T2"))));

    [Fact]
    public void Evidence_goes_to_a_task_of_a_running_project_up_to_its_limit()
    {
        var full = Enumerable.Range(0, ProjectDecider.MostEvidencePerTask).Select(index => (ProjectEvent)Evidence("T1", $"id-{index}")).Prepend(Decided()).ToArray();
        Assert.Multiple(
            () => Spec.Given(Decided()).When(new AddTaskEvidence("T9", Photo)).ThenThrows<NotFoundException>(),
            () => Spec.Given(full).When(new AddTaskEvidence("T1", Photo)).ThenThrows<RuleViolationException>(),
            () => Spec.Given(Decided(), Evidence("T1"), Evidence("T2"), Reached("T1", true), Reached("T2", true), new ProjectCompleted(ProjectId, Name, [], "建成", Actor, Now))
                .When(new AddTaskEvidence("T1", Photo)).ThenThrows<RuleViolationException>());
    }
}
