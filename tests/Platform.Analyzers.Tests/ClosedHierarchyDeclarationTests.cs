using Platform.Analyzers.Tests.Support;

namespace Platform.Analyzers.Tests;

public sealed class ClosedHierarchyDeclarationTests
{
    private const string Plat0002Message =
        "Closed hierarchy 'NeedEvent' must be abstract and declare a private protected constructor so no other assembly adds cases";

    [Fact]
    public async Task Given_a_hierarchy_with_a_public_constructor_Then_PLAT0002()
    {
        var outcome = await Analysis.Run("""
            [Platform.Kernel.ClosedHierarchy]
            public abstract class NeedEvent
            {
                public NeedEvent() { }
            }

            public sealed class NeedRaised : NeedEvent;
            """);

        Assert.Equal(["PLAT0002"], outcome.ReportedIds);
        Assert.Equal(Plat0002Message, outcome.MessageOf("PLAT0002"));
    }

    [Theory]
    [InlineData("protected NeedEvent() { }")]
    [InlineData("protected internal NeedEvent() { }")]
    [InlineData("private protected NeedEvent() { } protected NeedEvent(string title) { }")]
    public async Task Given_a_hierarchy_with_a_constructor_other_assemblies_can_call_Then_PLAT0002(string constructors)
    {
        var outcome = await Analysis.Run($$"""
            [Platform.Kernel.ClosedHierarchy]
            public abstract record NeedEvent
            {
                {{constructors}}
            }
            """);

        Assert.Equal(["PLAT0002"], outcome.ReportedIds);
    }

    [Fact]
    public async Task Given_an_abstract_record_declaring_no_constructor_Then_PLAT0002_for_the_implicit_protected_one()
    {
        var outcome = await Analysis.Run("""
            [Platform.Kernel.ClosedHierarchy]
            public abstract record NeedEvent;

            public sealed record NeedRaised : NeedEvent;
            """);

        Assert.Equal(["PLAT0002"], outcome.ReportedIds);
        Assert.Equal(Plat0002Message, outcome.MessageOf("PLAT0002"));
    }

    [Fact]
    public async Task Given_an_abstract_record_with_a_primary_constructor_Then_PLAT0002()
    {
        var outcome = await Analysis.Run("""
            [Platform.Kernel.ClosedHierarchy]
            public abstract record NeedEvent(string NeedId);

            public sealed record NeedRaised(string NeedId) : NeedEvent(NeedId);
            """);

        Assert.Equal(["PLAT0002"], outcome.ReportedIds);
    }

    [Fact]
    public async Task Given_a_hierarchy_that_is_not_abstract_Then_PLAT0002()
    {
        var outcome = await Analysis.Run("""
            [Platform.Kernel.ClosedHierarchy]
            public class NeedEvent
            {
                private protected NeedEvent() { }
            }
            """);

        Assert.Equal(["PLAT0002"], outcome.ReportedIds);
        Assert.Equal(Plat0002Message, outcome.MessageOf("PLAT0002"));
    }

    [Fact]
    public async Task Given_an_abstract_type_below_the_root_that_other_assemblies_can_derive_from_Then_PLAT0002_names_it()
    {
        var outcome = await Analysis.Run("""
            [Platform.Kernel.ClosedHierarchy]
            public abstract record NeedEvent
            {
                private protected NeedEvent() { }
            }

            public abstract record NeedLifecycle : NeedEvent;
            """);

        Assert.Equal(["PLAT0002"], outcome.ReportedIds);
        Assert.Contains("'NeedLifecycle'", outcome.MessageOf("PLAT0002"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_private_protected_internal_and_private_constructors_and_the_record_copy_constructor_Then_nothing_is_reported()
    {
        var outcome = await Analysis.Run("""
            [Platform.Kernel.ClosedHierarchy]
            public abstract record NeedEvent
            {
                private protected NeedEvent() { }

                internal NeedEvent(int version) { }

                private NeedEvent(string title) { }
            }

            [Platform.Kernel.ClosedHierarchy]
            public abstract class NeedCommand
            {
                private protected NeedCommand() { }
            }
            """);

        Assert.Empty(outcome.Reported);
    }

    [Fact]
    public async Task Given_an_internal_hierarchy_declaring_no_constructor_Then_nothing_is_reported_as_no_other_assembly_sees_it()
    {
        var outcome = await Analysis.Run("""
            [Platform.Kernel.ClosedHierarchy]
            internal abstract record NeedEvent;

            internal sealed record NeedRaised : NeedEvent;
            """);

        Assert.Empty(outcome.Reported);
    }
}
