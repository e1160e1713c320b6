using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers;

/// <summary>
/// Lifts CS8509 from a switch expression that names every case of a closed hierarchy. The compiler cannot know that
/// an abstract base has no other subtypes, so without this such a switch needs a discard arm, and the discard would
/// silently swallow the next case someone adds instead of failing the build where it must be handled.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClosedHierarchySwitchSuppressor : DiagnosticSuppressor
{
    public const string SuppressionId = "PLATSUP0001";
    public const string SuppressedId = "CS8509";

    private static readonly SuppressionDescriptor EveryCaseHandled = new(
        SuppressionId,
        SuppressedId,
        justification: "The switch handles every case of a closed hierarchy, which no other assembly can extend");

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
        ImmutableArray.Create(EveryCaseHandled);

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var hierarchies = new ClosedHierarchies();
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree) continue;
            var root = tree.GetRoot(context.CancellationToken);
            // The compiler reports CS8509 on the switch keyword, whose parent is the switch expression.
            var switchSyntax = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<SwitchExpressionSyntax>();
            if (switchSyntax is null) continue;

            var model = context.GetSemanticModel(tree);
            if (model.GetOperation(switchSyntax, context.CancellationToken) is not ISwitchExpressionOperation operation)
            {
                continue;
            }

            if (hierarchies.Analyze(operation) is { IsComplete: true })
            {
                context.ReportSuppression(Suppression.Create(EveryCaseHandled, diagnostic));
            }
        }
    }
}
