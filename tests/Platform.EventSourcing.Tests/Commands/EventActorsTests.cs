using Platform.EventSourcing.Audit;

namespace Platform.EventSourcing.Tests.Commands;

public sealed class EventActorsTests
{
    [Theory]
    [InlineData("system:timer", "系统（时限计时器）")]
    [InlineData("system:rebuild", "系统")]
    [InlineData("service:projects", "系统（其他服务的通知）")]
    [InlineData("intake:12345-hotline", "外部平台（12345-hotline）")]
    [InlineData("xinghua-staff", "xinghua-staff")]
    public void A_machine_reads_as_what_it_is_and_a_person_without_a_recorded_name_as_their_account(string actor, string name) =>
        Assert.Equal(name, EventActors.Describe(actor));

    [Fact]
    public void No_actor_has_no_name() => Assert.Null(EventActors.Describe(null));
}
