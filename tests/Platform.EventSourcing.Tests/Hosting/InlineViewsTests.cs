using JasperFx.Events;
using Platform.EventSourcing.Tests.Support;
using Platform.Kernel.Errors;

namespace Platform.EventSourcing.Tests.Hosting;

/// <summary>A view kept per stream follows its stream: new events continue it, a writer that lost the race gets the
/// conflict the append would have given it, and a gap is refused.</summary>
public sealed class InlineViewsTests
{
    private static IReadOnlyList<IEvent> NumberedFrom(long version) =>
        [new Event<CaseOpened>(new CaseOpened("占道经营", "990101")) { Version = version }, new Event<NoteAdded>(new NoteAdded("已约谈")) { Version = version + 1 }];

    [Fact]
    public void Events_that_continue_the_view_are_applied() => InlineViews.EnsureFollows("case-1", 3, NumberedFrom(4));

    [Fact]
    public void A_writer_whose_events_the_view_already_has_lost_the_race_and_gets_the_conflict()
    {
        var conflict = Assert.Throws<StreamVersionConflictException>(() => InlineViews.EnsureFollows("case-1", 3, NumberedFrom(3)));

        Assert.Equal(("case-1", 2L, 3L), (conflict.StreamId, conflict.ExpectedVersion, conflict.CurrentVersion));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Events_numbered_from_the_start_over_a_tail_or_past_a_gap_are_refused(long first) =>
        Assert.Throws<InvalidOperationException>(() => InlineViews.EnsureFollows("case-1", 3, NumberedFrom(first)));
}
