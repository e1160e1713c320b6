namespace Platform.Authorization;

public enum AccessKind
{
    Read,
    Write,
}

/// <summary>
/// Something a caller does through an endpoint, and the roles that may do it. Every endpoint of every service names
/// one (or is explicitly public); docs/SECURITY.md lists them all, and a test keeps the two in step.
/// </summary>
public sealed record PlatformAction(string Name, string Description, AccessKind Kind, IReadOnlySet<PlatformRole> Roles)
{
    public static PlatformAction Read(string name, string description, params PlatformRole[] roles) =>
        new(name, description, AccessKind.Read, roles.ToHashSet());

    /// <summary>A write; auditors never get one, whatever the list says.</summary>
    public static PlatformAction Write(string name, string description, params PlatformRole[] roles) =>
        new(name, description, AccessKind.Write, roles.Where(role => role != PlatformRole.Auditor).ToHashSet());

    public bool Allows(PlatformRole role) => Roles.Contains(role) && !(Kind == AccessKind.Write && role == PlatformRole.Auditor);
}

/// <summary>Actions of the platform itself, present in every service.</summary>
public static class PlatformActions
{
    public static readonly PlatformAction SendPing = PlatformAction.Write(
        "diagnostics.ping", "发送总线连通性探测", PlatformRole.DistrictAdmin);

    public static readonly PlatformAction ReadPing = PlatformAction.Read(
        "diagnostics.read", "查看探测回执", PlatformRole.DistrictAdmin, PlatformRole.Auditor);
}
