using static Platform.Needs.Tests.NeedList.NeedGivens;

namespace Platform.Needs.Tests.NeedList.Raising;

public sealed class RaiseNeedTests
{
    [Fact]
    public void Raising_a_need_records_it_trimmed_with_actor_and_time() =>
        Spec.Given()
            .When(ValidRaise())
            .Then(new NeedRaised(
                NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", "env", "normal", ThePlace, new ReporterContact("张三", "138-0000-1111"),
                "user-resident-1", "resident", "ext-1", Actor, Now))
            .AndState(need =>
            {
                Assert.Equal(NeedStatus.Raised, need.Status);
                Assert.False(need.IsMicroWish);
            });

    [Fact]
    public void Raising_a_micro_wish_marks_it_as_one() =>
        Spec.Given()
            .When(ValidRaise() with { Category = Need.MicroWishCategory })
            .Then(new NeedRaised(
                NeedId, "垃圾桶满溢", "小区门口垃圾桶三天没清运。", Need.MicroWishCategory, "normal", ThePlace, new ReporterContact("张三", "138-0000-1111"),
                "user-resident-1", "resident", "ext-1", Actor, Now))
            .AndState(need => Assert.True(need.IsMicroWish));

    [Fact]
    public void Raising_an_existing_need_is_refused() =>
        Spec.Given(Raised()).When(ValidRaise()).ThenThrows<RuleViolationException>();

    [Theory]
    [InlineData("title")]
    [InlineData("title.long")]
    [InlineData("description")]
    [InlineData("category")]
    [InlineData("urgency")]
    [InlineData("channel")]
    [InlineData("place")]
    [InlineData("place.address")]
    [InlineData("reporter.name")]
    [InlineData("reporter.phone")]
    [InlineData("reporter.phone.letters")]
    [InlineData("externalId")]
    public void Raising_a_malformed_need_names_the_field(string problem)
    {
        var valid = ValidRaise();
        var (command, field) = problem switch
        {
            "title" => (valid with { Title = "  " }, "title"),
            "title.long" => (valid with { Title = new string('标', 101) }, "title"),
            "description" => (valid with { Description = null }, "description"),
            "category" => (valid with { Category = "unicorns" }, "category"),
            "urgency" => (valid with { Urgency = "whenever" }, "urgency"),
            "channel" => (valid with { Channel = "" }, "channel"),
            "place" => (valid with { Place = ThePlace with { CommunityId = "" } }, "place"),
            "place.address" => (valid with { Place = ThePlace with { Address = new string('路', 201) } }, "place.address"),
            "reporter.name" => (valid with { Reporter = new ReporterContact(" ", "13800001111") }, "reporter.name"),
            "reporter.phone" => (valid with { Reporter = new ReporterContact("张三", "12345") }, "reporter.phone"),
            "reporter.phone.letters" => (valid with { Reporter = new ReporterContact("张三", "138ABC01111") }, "reporter.phone"),
            "externalId" => (valid with { ExternalId = new string('x', 101) }, "externalId"),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        Spec.Given().When(command).ThenInvalid(field);
    }

    [Fact]
    public void Raising_an_empty_need_lists_every_missing_field() =>
        Spec.Given()
            .When(new RaiseNeed(NeedId, null, null, null, null, null, null, null, null, null))
            .ThenInvalid("title", "description", "category", "urgency", "channel", "place", "reporter.name", "reporter.phone");
}
