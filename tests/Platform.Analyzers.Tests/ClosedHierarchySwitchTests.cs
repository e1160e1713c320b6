using Platform.Analyzers.Tests.Support;

namespace Platform.Analyzers.Tests;

public sealed class ClosedHierarchySwitchTests
{
    private const string NeedEvents = """
        using Platform.Kernel;

        namespace Needs;

        [ClosedHierarchy]
        public abstract record NeedEvent
        {
            private protected NeedEvent() { }
        }

        public sealed record NeedRaised(string Title, bool Urgent) : NeedEvent;

        public abstract record NeedLifecycle : NeedEvent
        {
            private protected NeedLifecycle() { }
        }

        public sealed record NeedReopened(string Reason) : NeedLifecycle;

        public sealed record NeedClosed : NeedLifecycle;

        """;

    private static string Switch(string type, string arms) => NeedEvents + $$"""
        public static class Describer
        {
            public static string Describe({{type}} e) => e switch
            {
                {{arms}}
            };
        }
        """;

    [Fact]
    public async Task Given_a_switch_naming_every_case_Then_CS8509_is_suppressed()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised raised => raised.Title,
            NeedReopened => "reopened",
            NeedClosed _ => "closed",
            """));

        Assert.Empty(outcome.Reported);
        Assert.Equal(["CS8509"], outcome.SuppressedIds);
    }

    [Fact]
    public async Task Given_a_switch_missing_a_case_Then_PLAT0001_names_it_and_CS8509_stays()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised raised => raised.Title,
            """));

        Assert.Equal(["CS8509", "PLAT0001"], outcome.ReportedIds);
        Assert.Equal(
            "The switch over closed hierarchy 'NeedEvent' does not handle: NeedReopened, NeedClosed",
            outcome.MessageOf("PLAT0001"));
        Assert.Empty(outcome.Suppressed);
    }

    [Fact]
    public async Task Given_a_switch_whose_only_arm_for_a_case_has_a_when_guard_Then_PLAT0001_names_it_and_CS8509_stays()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised raised when raised.Urgent => "urgent",
            NeedReopened => "reopened",
            NeedClosed => "closed",
            """));

        Assert.Equal(["CS8509", "PLAT0001"], outcome.ReportedIds);
        Assert.EndsWith("does not handle: NeedRaised", outcome.MessageOf("PLAT0001"));
    }

    [Fact]
    public async Task Given_a_guarded_arm_followed_by_an_unguarded_one_for_the_same_case_Then_CS8509_is_suppressed()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised raised when raised.Urgent => "urgent",
            NeedRaised => "raised",
            NeedLifecycle => "lifecycle",
            """));

        Assert.Empty(outcome.Reported);
        Assert.Equal(["CS8509"], outcome.SuppressedIds);
    }

    [Fact]
    public async Task Given_a_switch_over_an_intermediate_abstract_type_naming_its_cases_Then_CS8509_is_suppressed()
    {
        var outcome = await Analysis.Run(Switch("NeedLifecycle", """
            NeedReopened reopened => reopened.Reason,
            NeedClosed => "closed",
            """));

        Assert.Empty(outcome.Reported);
        Assert.Equal(["CS8509"], outcome.SuppressedIds);
    }

    [Fact]
    public async Task Given_a_switch_over_an_intermediate_abstract_type_missing_a_case_Then_PLAT0001_names_only_its_cases()
    {
        var outcome = await Analysis.Run(Switch("NeedLifecycle", """
            NeedReopened reopened => reopened.Reason,
            """));

        Assert.Equal(["CS8509", "PLAT0001"], outcome.ReportedIds);
        Assert.Equal(
            "The switch over closed hierarchy 'NeedLifecycle' does not handle: NeedClosed",
            outcome.MessageOf("PLAT0001"));
    }

    [Fact]
    public async Task Given_an_arm_for_an_intermediate_abstract_type_Then_it_covers_the_cases_below_it()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised => "raised",
            NeedLifecycle lifecycle => lifecycle.ToString(),
            """));

        Assert.Empty(outcome.Reported);
        Assert.Equal(["CS8509"], outcome.SuppressedIds);
    }

    [Fact]
    public async Task Given_property_patterns_that_cannot_fail_and_an_or_pattern_Then_CS8509_is_suppressed()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised { Title: var title, Urgent: _ } r => title + r,
            NeedReopened { } or NeedClosed => "lifecycle",
            """));

        Assert.Empty(outcome.Reported);
        Assert.Equal(["CS8509"], outcome.SuppressedIds);
    }

    [Fact]
    public async Task Given_a_case_handled_only_by_a_property_pattern_that_can_fail_Then_CS8509_stays_without_PLAT0001()
    {
        // Whether `{ Urgent: true }` and `{ Urgent: false }` together handle NeedRaised is the compiler's call (it
        // says yes: only the lifecycle cases are missing for it); naming NeedRaised as missing would be wrong.
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised { Urgent: true } => "urgent",
            NeedRaised { Urgent: false } => "raised",
            NeedClosed => "closed",
            """));

        Assert.Equal(["CS8509", "PLAT0001"], outcome.ReportedIds);
        Assert.EndsWith("does not handle: NeedReopened", outcome.MessageOf("PLAT0001"));
        Assert.Empty(outcome.Suppressed);
    }

    [Fact]
    public async Task Given_a_switch_with_a_discard_Then_nothing_is_reported()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised raised => raised.Title,
            _ => "other",
            """));

        Assert.Empty(outcome.Reported);
        Assert.Empty(outcome.Suppressed);
    }

    [Fact]
    public async Task Given_a_switch_with_a_var_pattern_Then_nothing_is_reported()
    {
        var outcome = await Analysis.Run(Switch("NeedEvent", """
            NeedRaised raised => raised.Title,
            var other => other.ToString(),
            """));

        Assert.Empty(outcome.Reported);
        Assert.Empty(outcome.Suppressed);
    }

    [Fact]
    public async Task Given_a_switch_over_a_hierarchy_without_the_attribute_Then_CS8509_stays_and_nothing_else_is_reported()
    {
        var outcome = await Analysis.Run("""
            public abstract record Animal;
            public sealed record Cat : Animal;
            public sealed record Dog : Animal;

            public static class Describer
            {
                public static string Describe(Animal a) => a switch
                {
                    Cat => "cat",
                    Dog => "dog",
                };
            }
            """);

        Assert.Equal(["CS8509"], outcome.ReportedIds);
        Assert.Empty(outcome.Suppressed);
    }

    [Fact]
    public async Task Given_a_switch_over_positional_records_naming_each_Then_it_builds_clean()
    {
        var outcome = await Analysis.Run("""
            using Platform.Kernel;

            [ClosedHierarchy]
            public abstract record Shape
            {
                private protected Shape() { }
            }

            public sealed record Circle(double R) : Shape;

            public sealed record Square(double S) : Shape;

            public static class Geometry
            {
                public static double Area(Shape shape) => shape switch
                {
                    Circle c => System.Math.PI * c.R * c.R,
                    Square s => s.S * s.S,
                };
            }
            """);

        Assert.Empty(outcome.Reported);
        Assert.Equal(["CS8509"], outcome.SuppressedIds);
    }

    [Fact]
    public async Task Given_nested_switches_Then_each_is_judged_on_its_own_arms()
    {
        var outcome = await Analysis.Run(NeedEvents + """
            public static class Describer
            {
                public static string Describe(NeedEvent e, NeedLifecycle l) => e switch
                {
                    NeedRaised => l switch
                    {
                        NeedReopened => "reopened",
                    },
                    NeedReopened => "reopened",
                    NeedClosed => "closed",
                };
            }
            """);

        Assert.Equal(["CS8509", "PLAT0001"], outcome.ReportedIds);
        Assert.Equal(
            "The switch over closed hierarchy 'NeedLifecycle' does not handle: NeedClosed",
            outcome.MessageOf("PLAT0001"));
        Assert.Equal(["CS8509"], outcome.SuppressedIds);
    }

    [Fact]
    public async Task Given_a_closed_hierarchy_from_a_referenced_assembly_Then_its_cases_are_known_there_too()
    {
        var library = Analysis.Library(NeedEvents);

        var complete = await Analysis.Run("""
            using Needs;

            public static class Describer
            {
                public static string Describe(NeedEvent e) => e switch
                {
                    NeedRaised => "raised",
                    NeedReopened => "reopened",
                    NeedClosed => "closed",
                };
            }
            """, library);
        var incomplete = await Analysis.Run("""
            using Needs;

            public static class Describer
            {
                public static string Describe(NeedEvent e) => e switch
                {
                    NeedRaised => "raised",
                };
            }
            """, library);

        Assert.Empty(complete.Reported);
        Assert.Equal(["CS8509"], complete.SuppressedIds);
        Assert.Equal(["CS8509", "PLAT0001"], incomplete.ReportedIds);
        Assert.EndsWith("does not handle: NeedClosed, NeedReopened", incomplete.MessageOf("PLAT0001"));
    }
}
