namespace Platform.Kernel;

/// <summary>
/// Marks the abstract base of an aggregate's commands or events. The platform's analyzer then treats every
/// non-abstract type deriving from it in the same assembly as one case of a closed set: a switch expression that names
/// them all needs no discard, and one that misses a case fails the build, naming it. The base must declare a
/// private protected constructor, so that no other assembly can add a case the switches never saw.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ClosedHierarchyAttribute : Attribute;
