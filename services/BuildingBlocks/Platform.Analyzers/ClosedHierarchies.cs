using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Platform.Analyzers;

/// <summary>
/// What the analyzer and the suppressor agree on: which types form a closed hierarchy, which runtime types (cases) a
/// switch expression over one can meet, and which of them its arms handle. One instance per compilation, so that an
/// assembly's types are walked once however many switches there are.
/// </summary>
internal sealed class ClosedHierarchies
{
    private static readonly SymbolDisplayFormat CaseNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    private readonly ConcurrentDictionary<IAssemblySymbol, ImmutableArray<INamedTypeSymbol>> _classesByAssembly =
        new(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<INamedTypeSymbol, Cases> _casesByType = new(SymbolEqualityComparer.Default);

    /// <summary>Matched by name, not by symbol: the analyzer must not depend on Platform.Kernel, and a test may
    /// declare its own copy of the attribute.</summary>
    public static bool IsMarked(INamedTypeSymbol type) =>
        type.GetAttributes().Any(attribute => attribute.AttributeClass is
        {
            Name: "ClosedHierarchyAttribute",
            ContainingNamespace:
            {
                Name: "Kernel",
                ContainingNamespace: { Name: "Platform", ContainingNamespace.IsGlobalNamespace: true },
            },
        });

    /// <summary>The nearest type marked [ClosedHierarchy] among the type and its bases, if any.</summary>
    public static INamedTypeSymbol? RootOf(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsMarked(current)) return current;
        }

        return null;
    }

    public static string NameOf(INamedTypeSymbol type) => type.ToDisplayString(CaseNameFormat);

    /// <summary>
    /// Null when the switch is not over a closed hierarchy, or over one this analysis cannot reason about (generic
    /// types, whose constructions are open-ended): the compiler's own exhaustiveness check then stands alone.
    /// </summary>
    public SwitchCoverage? Analyze(ISwitchExpressionOperation switchExpression)
    {
        if (switchExpression.Value.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } input) return null;
        var cases = CasesOf(input);
        if (!cases.IsKnown) return null;

        var handled = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var possiblyHandled = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var arm in switchExpression.Arms)
        {
            // The compiler never assumes a guard holds, so a guarded arm counts for nothing there either: a case
            // handled only under guards still gets CS8509, and is named as missing here.
            if (arm.Guard is not null && arm.Guard.ConstantValue is not { HasValue: true, Value: true }) continue;

            var shape = PatternShape.Of(arm.Pattern, input);
            // A pattern this analysis does not model may match anything: better no verdict than a wrong one.
            if (shape.IsUnknown) return new SwitchCoverage(input, ImmutableArray<INamedTypeSymbol>.Empty, isComplete: false);

            foreach (var @case in cases.Types)
            {
                if (shape.Always.Any(type => IsAssignableTo(@case, type))) handled.Add(@case);
                else if (shape.Sometimes.Any(type => IsAssignableTo(@case, type))) possiblyHandled.Add(@case);
            }
        }

        var missing = cases.Types.Where(@case => !handled.Contains(@case) && !possiblyHandled.Contains(@case))
            .ToImmutableArray();
        return new SwitchCoverage(input, missing, isComplete: cases.Types.All(handled.Contains));
    }

    /// <summary>
    /// The runtime types a value of the given type can have: its non-abstract subtypes (itself included) declared in
    /// the hierarchy root's assembly. The root's non-public constructors (PLAT0002) keep other assemblies from adding
    /// any.
    /// </summary>
    private Cases CasesOf(INamedTypeSymbol input) => _casesByType.GetOrAdd(input, FindCases);

    private Cases FindCases(INamedTypeSymbol input)
    {
        var root = RootOf(input);
        if (root is null || IsGeneric(input)) return Cases.Unknown;

        var cases = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var type in ClassesOf(root.ContainingAssembly))
        {
            if (!IsAssignableTo(type, input)) continue;
            if (IsGeneric(type)) return Cases.Unknown;
            if (!type.IsAbstract) cases.Add(type);
        }

        return new Cases(cases.ToImmutable());
    }

    private ImmutableArray<INamedTypeSymbol> ClassesOf(IAssemblySymbol assembly) =>
        _classesByAssembly.GetOrAdd(assembly, static assembly =>
        {
            var classes = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                var container = pending.Pop();
                foreach (var member in container.GetMembers())
                {
                    if (member is INamespaceSymbol ns) pending.Push(ns);
                    if (member is not INamedTypeSymbol type) continue;
                    if (type.TypeKind == TypeKind.Class) classes.Add(type);
                    pending.Push(type);
                }
            }

            // Declaration order, so that a message lists the missing cases as the author reads them.
            classes.Sort(static (left, right) => CompareDeclarations(left, right));
            return classes.ToImmutable();
        });

    private static int CompareDeclarations(INamedTypeSymbol left, INamedTypeSymbol right)
    {
        var leftLocation = left.Locations.FirstOrDefault();
        var rightLocation = right.Locations.FirstOrDefault();
        var byFile = string.CompareOrdinal(leftLocation?.SourceTree?.FilePath, rightLocation?.SourceTree?.FilePath);
        if (byFile != 0) return byFile;
        var byPosition = (leftLocation?.SourceSpan.Start ?? 0).CompareTo(rightLocation?.SourceSpan.Start ?? 0);
        return byPosition != 0 ? byPosition : string.CompareOrdinal(NameOf(left), NameOf(right));
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType) return true;
        }

        return false;
    }

    /// <summary>Whether a value whose runtime type is <paramref name="type"/> passes a type test for
    /// <paramref name="target"/>.</summary>
    private static bool IsAssignableTo(INamedTypeSymbol type, ITypeSymbol target)
    {
        if (target.SpecialType == SpecialType.System_Object) return true;
        if (target.TypeKind == TypeKind.Interface)
        {
            return type.AllInterfaces.Contains((INamedTypeSymbol)target, SymbolEqualityComparer.Default);
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, target)) return true;
        }

        return false;
    }

    /// <summary>Default <see cref="Types"/> means the cases cannot be known.</summary>
    private readonly struct Cases(ImmutableArray<INamedTypeSymbol> types)
    {
        public static Cases Unknown => default;

        public ImmutableArray<INamedTypeSymbol> Types { get; } = types;

        public bool IsKnown => !Types.IsDefault;
    }
}

/// <summary>What a switch expression's arms do with the cases of its closed hierarchy.</summary>
internal sealed class SwitchCoverage(INamedTypeSymbol input, ImmutableArray<INamedTypeSymbol> missing, bool isComplete)
{
    /// <summary>The switch's governing type.</summary>
    public INamedTypeSymbol Input { get; } = input;

    /// <summary>Cases no unguarded arm can match. Cases that only some values of pass an arm's sub-patterns are not
    /// listed: the compiler may find such arms exhaustive together (`{ Urgent: true }`, `{ Urgent: false }`).</summary>
    public ImmutableArray<INamedTypeSymbol> Missing { get; } = missing;

    /// <summary>Every case is matched by an unguarded arm whose pattern cannot fail for it.</summary>
    public bool IsComplete { get; } = isComplete;
}

/// <summary>
/// The types a pattern matches: every non-null value of the <see cref="Always"/> types, some values of the
/// <see cref="Sometimes"/> ones. Patterns outside that model (negations, list patterns, ...) are unknown.
/// </summary>
internal readonly struct PatternShape
{
    private PatternShape(ImmutableArray<ITypeSymbol> always, ImmutableArray<ITypeSymbol> sometimes)
    {
        Always = always;
        Sometimes = sometimes;
    }

    public ImmutableArray<ITypeSymbol> Always { get; }

    public ImmutableArray<ITypeSymbol> Sometimes { get; }

    public bool IsUnknown => Always.IsDefault;

    private static PatternShape Unknown => default;

    private static PatternShape Nothing =>
        new(ImmutableArray<ITypeSymbol>.Empty, ImmutableArray<ITypeSymbol>.Empty);

    private static PatternShape AlwaysMatches(ITypeSymbol type) =>
        new(ImmutableArray.Create(type), ImmutableArray<ITypeSymbol>.Empty);

    private static PatternShape SometimesMatches(ITypeSymbol type) =>
        new(ImmutableArray<ITypeSymbol>.Empty, ImmutableArray.Create(type));

    public static PatternShape Of(IPatternOperation pattern, ITypeSymbol input) => pattern switch
    {
        IDiscardPatternOperation => AlwaysMatches(input),
        // `var x` included: its matched type is the input type.
        IDeclarationPatternOperation declaration => AlwaysMatches(declaration.MatchedType ?? input),
        ITypePatternOperation type => AlwaysMatches(type.MatchedType),
        IRecursivePatternOperation recursive => OfRecursive(recursive),
        // On a class type the only constant is null, which is no case.
        IConstantPatternOperation => Nothing,
        INegatedPatternOperation { Pattern: IConstantPatternOperation constant } when IsNull(constant) =>
            AlwaysMatches(input),
        IBinaryPatternOperation binary => OfBinary(binary, input),
        _ => Unknown,
    };

    private static PatternShape OfRecursive(IRecursivePatternOperation recursive)
    {
        // A positional pattern without a Deconstruct method tests ITuple's length, which can fail.
        var deconstructs = recursive.DeconstructionSubpatterns.IsEmpty || recursive.DeconstructSymbol is not null;
        var subpatternsCannotFail = deconstructs
            && recursive.DeconstructionSubpatterns.All(CannotFail)
            && recursive.PropertySubpatterns.All(property => CannotFail(property.Pattern));
        return subpatternsCannotFail
            ? AlwaysMatches(recursive.MatchedType)
            : SometimesMatches(recursive.MatchedType);
    }

    /// <summary>Only what matches null too: `{ }` and a type test would reject a null property.</summary>
    private static bool CannotFail(IPatternOperation pattern) =>
        pattern is IDiscardPatternOperation or IDeclarationPatternOperation { MatchesNull: true };

    private static PatternShape OfBinary(IBinaryPatternOperation binary, ITypeSymbol input)
    {
        var left = Of(binary.LeftPattern, input);
        var right = Of(binary.RightPattern, input);
        if (left.IsUnknown || right.IsUnknown) return Unknown;
        if (binary.OperatorKind == BinaryOperatorKind.Or)
        {
            return new PatternShape(left.Always.AddRange(right.Always), left.Sometimes.AddRange(right.Sometimes));
        }

        // `and`: a value of either side's types may match, but none is known to.
        return new PatternShape(
            ImmutableArray<ITypeSymbol>.Empty,
            left.Always.AddRange(left.Sometimes).AddRange(right.Always).AddRange(right.Sometimes));
    }

    private static bool IsNull(IConstantPatternOperation constant) =>
        constant.Value.ConstantValue is { HasValue: true, Value: null };
}
