namespace Platform.EventStore.Tests;

/// <summary>The canonical JSON must come out the same from what the writer serialized and from what jsonb gives back.</summary>
public sealed class EventHashTests
{
    [Theory]
    [InlineData("""{"b":1,"a":{"d":[1,2],"c":null}}""", """{ "a": {"c": null, "d": [1, 2]}, "b": 1 }""")]
    [InlineData("""{"amount":1.50}""", """{"amount": 1.5}""")]
    [InlineData("""{"large":1E+21}""", """{"large": 1000000000000000000000}""")]
    [InlineData("""{"small":1.5E-7}""", """{"small": 0.00000015}""")]
    [InlineData("""{"zero":-0.0}""", """{"zero": 0}""")]
    [InlineData("""{"text":"\u8DEF\u706F"}""", """{"text": "路灯"}""")]
    [InlineData("""{"a":1,"a":2}""", """{"a": 2}""")]
    [InlineData("""{"aa":1,"b":2}""", """{"b": 2, "aa": 1}""")]
    public void Given_two_spellings_of_the_same_json_When_canonicalized_Then_they_are_identical(string written, string readBack) =>
        Assert.Equal(EventHash.CanonicalJson(written), EventHash.CanonicalJson(readBack));

    [Theory]
    [InlineData("""{"amount":1.5}""", """{"amount":1.05}""")]
    [InlineData("""{"text":"a"}""", """{"text":"A"}""")]
    [InlineData("""{"values":[1,2]}""", """{"values":[2,1]}""")]
    [InlineData("""{"n":10}""", """{"n":1}""")]
    public void Given_different_values_When_canonicalized_Then_they_differ(string one, string other) =>
        Assert.NotEqual(EventHash.CanonicalJson(one), EventHash.CanonicalJson(other));

    [Fact]
    public void Given_a_value_with_quotes_backslashes_and_control_characters_When_canonicalized_Then_only_those_are_escaped() =>
        Assert.Equal("""{"t":"\"\\\u000a中<>&"}""", EventHash.CanonicalJson("""{"t":"\"\\\n中\u003C>&"}"""));

    [Fact]
    public void Given_numbers_When_canonicalized_Then_they_are_significant_digits_and_an_exponent() =>
        Assert.Equal("""[15e-1,1e2,-25,0,12345]""", EventHash.CanonicalJson("[1.50, 100, -25.0, 0.000, 12345]"));

    [Fact]
    public void Given_the_same_event_When_digested_with_a_different_field_Then_the_digest_changes()
    {
        var id = Guid.NewGuid();
        var json = """{"text":"a"}"""u8.ToArray();
        var digest = EventHash.ContentDigest("310101", "case-1", id, "t", json, new EventMetadata("c", null, "a"));

        Assert.Equal(digest, EventHash.ContentDigest("310101", "case-1", id, "t", json, new EventMetadata("c", null, "a")));
        Assert.NotEqual(digest, EventHash.ContentDigest("310104", "case-1", id, "t", json, new EventMetadata("c", null, "a")));
        Assert.NotEqual(digest, EventHash.ContentDigest("310101", "case-1", id, "t", json, new EventMetadata("c", "", "a")));
        Assert.NotEqual(digest, EventHash.ContentDigest("310101", "case-1", id, "t", json, new EventMetadata(null, "c", "a")));
    }

    [Fact]
    public void Given_a_chain_link_When_the_previous_hash_version_or_time_changes_Then_the_hash_changes()
    {
        var digest = new byte[32];
        var time = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(10);
        var link = EventHash.Chain([], 1, time, digest);

        Assert.Equal(32, link.Length);
        Assert.NotEqual(link, EventHash.Chain(link, 1, time, digest));
        Assert.NotEqual(link, EventHash.Chain([], 2, time, digest));
        Assert.NotEqual(link, EventHash.Chain([], 1, time.AddTicks(10), digest));
    }
}
