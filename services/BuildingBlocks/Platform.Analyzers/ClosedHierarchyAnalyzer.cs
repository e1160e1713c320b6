using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers;

/// <summary>
/// The errors that make [ClosedHierarchy] mean something: a switch expression that misses a case names it (CS8509
/// alone would only show one example value), and a hierarchy that another assembly could extend is refused, since
/// the switches that <see cref="ClosedHierarchySwitchSuppressor"/> lets through would not handle the new case.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClosedHierarchyAnalyzer : DiagnosticAnalyzer
{
    public const string MissingCasesId = "PLAT0001";
    public const string OpenHierarchyId = "PLAT0002";

    private const string Category = "Platform.Design";

    internal static readonly DiagnosticDescriptor MissingCases = new(
        MissingCasesId,
        title: "Switch expression misses cases of a closed hierarchy",
        messageFormat: "The switch over closed hierarchy '{0}' does not handle: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Add an arm for each missing case, or a discard arm to opt out of the check on purpose.");

    internal static readonly DiagnosticDescriptor OpenHierarchy = new(
        OpenHierarchyId,
        title: "Closed hierarchy can be extended by another assembly",
        messageFormat: "Closed hierarchy '{0}' must be abstract and declare a private protected constructor so no other assembly adds cases",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A type marked [ClosedHierarchy], and every abstract type deriving from it, must be abstract with "
            + "no constructor that another assembly can call: public, protected and protected internal ones, and the "
            + "protected one the compiler adds when none is declared, let it derive a case the switches never saw. "
            + "The protected copy constructor of a record is exempt: the language requires it.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(MissingCases, OpenHierarchy);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        context.RegisterCompilationStartAction(start =>
        {
            var hierarchies = new ClosedHierarchies();
            start.RegisterOperationAction(operation => AnalyzeSwitch(operation, hierarchies), OperationKind.SwitchExpression);
        });
    }

    private static void AnalyzeSwitch(OperationAnalysisContext context, ClosedHierarchies hierarchies)
    {
        var switchExpression = (ISwitchExpressionOperation)context.Operation;
        var coverage = hierarchies.Analyze(switchExpression);
        if (coverage is null || coverage.Missing.IsEmpty) return;

        var location = switchExpression.Syntax is SwitchExpressionSyntax syntax
            ? syntax.SwitchKeyword.GetLocation()
            : switchExpression.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(
            MissingCases,
            location,
            ClosedHierarchies.NameOf(coverage.Input),
            string.Join(", ", coverage.Missing.Select(ClosedHierarchies.NameOf))));
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class) return;
        var marked = ClosedHierarchies.IsMarked(type);
        // Abstract types below the root count too: another assembly deriving from one would add a case as well.
        if (!marked && !(type.IsAbstract && ClosedHierarchies.RootOf(type) is not null)) return;

        if (!type.IsAbstract)
        {
            Report(context, type, type.Locations);
            return;
        }

        if (!IsVisibleOutsideAssembly(type)) return;
        var open = type.InstanceConstructors.FirstOrDefault(ctor => !IsRecordCopyConstructor(ctor, type)
            && ctor.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected
                or Accessibility.ProtectedOrInternal);
        if (open is null) return;
        // The constructor the compiler adds has no source of its own: point at the type that lacks one.
        Report(context, type, open.IsImplicitlyDeclared ? type.Locations : open.Locations);
    }

    private static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, ImmutableArray<Location> locations) =>
        context.ReportDiagnostic(Diagnostic.Create(
            OpenHierarchy,
            locations.FirstOrDefault(),
            additionalLocations: locations.Skip(1),
            ClosedHierarchies.NameOf(type)));

    private static bool IsVisibleOutsideAssembly(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected
                or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The language requires a non-sealed record's copy constructor to be public or protected, so it cannot be
    /// narrowed; deriving through it needs an existing instance of the hierarchy to copy.
    /// </summary>
    private static bool IsRecordCopyConstructor(IMethodSymbol ctor, INamedTypeSymbol type) =>
        type.IsRecord
        && ctor.Parameters.Length == 1
        && SymbolEqualityComparer.Default.Equals(ctor.Parameters[0].Type, type);
}
