namespace Platform.Volunteers.Tests.Hours;

public sealed class StarLevelsTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData(99, 24, 0)]
    [InlineData(100, 24, 1)]
    [InlineData(300, 24, 2)]
    [InlineData(650, 24, 3)]
    [InlineData(1000, 24, 4)]
    [InlineData(1500, 24, 5)]
    [InlineData(150, 5, 0)]
    [InlineData(700, 7, 2)]
    [InlineData(700, 12, 3)]
    public void Stars_need_both_the_hours_and_the_months_of_service(int hours, int monthsServing, int expected) =>
        Assert.Equal(expected, StarLevels.Of(hours, Today.AddMonths(-monthsServing), Today, ServiceRules.Default));

    [Fact]
    public void No_stars_before_the_community_confirmed_the_volunteer() =>
        Assert.Equal(0, StarLevels.Of(2000, null, Today, ServiceRules.Default));

    [Fact]
    public void The_thresholds_are_configuration_and_the_page_says_what_the_next_star_needs()
    {
        var rules = ServiceRules.Default with { StarHours = [10, 20, 30, 40, 50], StarMonths = [0, 0, 0, 0, 0] };
        Assert.Equal(2, StarLevels.Of(25, Today, Today, rules));
        Assert.Equal(5, StarLevels.HoursToNext(25, 2, rules));
        Assert.Null(StarLevels.HoursToNext(60, 5, rules));
    }
}
