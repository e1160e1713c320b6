using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Platform.Analyzers.Tests.Support;

/// <summary>
/// Compiles C# in memory and runs the platform's analyzer and suppressor on it, as the build does. The references
/// are the running runtime's own assemblies: the analyzer testing packages would download reference packs, and this
/// machine reaches no server but the package registry.
/// </summary>
internal static class Analysis
{
    /// <summary>The analyzer finds the attribute by name, so a copy of Platform.Kernel's declaration stands in.</summary>
    private const string ClosedHierarchyAttribute = """
        namespace Platform.Kernel
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ClosedHierarchyAttribute : System.Attribute { }
        }
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    /// <summary>The diagnostics of <paramref name="source"/>, with the attribute declared beside it.</summary>
    public static Task<Outcome> Run(string source) => Analyze(Compile("Analyzed", source, declareAttribute: true));

    /// <summary>The diagnostics of <paramref name="source"/> compiled against <paramref name="library"/>, which
    /// declares the attribute.</summary>
    public static Task<Outcome> Run(string source, MetadataReference library) =>
        Analyze(Compile("Analyzed", source, declareAttribute: false, library));

    /// <summary>An assembly built from <paramref name="source"/>, as a project reference would bring it.</summary>
    public static MetadataReference Library(string source)
    {
        using var image = new MemoryStream();
        var emitted = Compile("Library", source, declareAttribute: true).Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static CSharpCompilation Compile(string name, string source, bool declareAttribute,
        params MetadataReference[] references)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(source, parse, path: $"{name}.cs") };
        if (declareAttribute) trees.Add(CSharpSyntaxTree.ParseText(ClosedHierarchyAttribute, parse, path: "Kernel.cs"));
        return CSharpCompilation.Create(
            name,
            trees,
            RuntimeReferences.Value.AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static async Task<Outcome> Analyze(Compilation compilation)
    {
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => failures.Add($"{analyzer}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        var diagnostics = await compilation
            .WithAnalyzers([new ClosedHierarchySwitchSuppressor(), new ClosedHierarchyAnalyzer()], options)
            .GetAllDiagnosticsAsync();
        Assert.Empty(failures);
        return new Outcome(diagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToImmutableArray());
    }
}

/// <summary>What a build would show (<see cref="Reported"/>) and what the suppressor lifted.</summary>
internal sealed class Outcome(ImmutableArray<Diagnostic> diagnostics)
{
    public ImmutableArray<Diagnostic> Reported { get; } = diagnostics.Where(d => !d.IsSuppressed).ToImmutableArray();

    public ImmutableArray<Diagnostic> Suppressed { get; } = diagnostics.Where(d => d.IsSuppressed).ToImmutableArray();

    public IEnumerable<string> ReportedIds => Reported.Select(d => d.Id).Order(StringComparer.Ordinal);

    public IEnumerable<string> SuppressedIds => Suppressed.Select(d => d.Id).Order(StringComparer.Ordinal);

    public string MessageOf(string id) => Assert.Single(Reported, d => d.Id == id).GetMessage();

    public override string ToString() => string.Join(Environment.NewLine, Reported.Concat(Suppressed));
}
