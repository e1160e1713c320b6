namespace Platform.Authorization;

/// <summary>Claim types of a platform access token. Short names, because they travel in every request.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string District = "district";
    public const string Street = "street";
    public const string Community = "community";
    public const string Department = "department";
    public const string Unit = "unit";
}
