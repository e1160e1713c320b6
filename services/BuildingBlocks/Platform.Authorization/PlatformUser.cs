using System.Security.Claims;

namespace Platform.Authorization;

/// <summary>The caller as the platform sees it: a role and the place in the org tree it is bound to.</summary>
public sealed record PlatformUser(
    string UserId,
    string DisplayName,
    PlatformRole Role,
    string DistrictCode,
    string? StreetId = null,
    string? CommunityId = null,
    string? DepartmentId = null,
    string? UnitId = null)
{
    /// <summary>Reads the user from validated token claims; null when the token lacks what a platform user must have.</summary>
    public static PlatformUser? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var subject = principal.FindFirstValue(PlatformClaims.Subject) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var district = principal.FindFirstValue(PlatformClaims.District);
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(district)) return null;
        if (!PlatformRoles.TryParse(principal.FindFirstValue(PlatformClaims.Role) ?? principal.FindFirstValue(ClaimTypes.Role), out var role))
            return null;
        return new PlatformUser(
            subject,
            principal.FindFirstValue(PlatformClaims.Name) ?? subject,
            role,
            district,
            NullIfEmpty(principal.FindFirstValue(PlatformClaims.Street)),
            NullIfEmpty(principal.FindFirstValue(PlatformClaims.Community)),
            NullIfEmpty(principal.FindFirstValue(PlatformClaims.Department)),
            NullIfEmpty(principal.FindFirstValue(PlatformClaims.Unit)));
    }

    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(PlatformClaims.Subject, UserId);
        yield return new Claim(PlatformClaims.Name, DisplayName);
        yield return new Claim(PlatformClaims.Role, Role.Code());
        yield return new Claim(PlatformClaims.District, DistrictCode);
        if (StreetId is not null) yield return new Claim(PlatformClaims.Street, StreetId);
        if (CommunityId is not null) yield return new Claim(PlatformClaims.Community, CommunityId);
        if (DepartmentId is not null) yield return new Claim(PlatformClaims.Department, DepartmentId);
        if (UnitId is not null) yield return new Claim(PlatformClaims.Unit, UnitId);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
