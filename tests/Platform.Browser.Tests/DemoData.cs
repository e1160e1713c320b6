using System.Text.Json;
using Platform.Testing;

namespace Platform.Browser.Tests;

/// <summary>The demo district the gateway loads from deploy/demo: its accounts and its streets and communities, read
/// here too so that the tests name real users and places instead of repeating them.</summary>
public static class DemoData
{
    public const string Password = "Demo#2026";

    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "deploy/demo");

    public static IReadOnlyList<DemoLogin> Logins { get; } = ReadLogins();

    public static IReadOnlyList<DemoStreet> Streets { get; } = ReadStreets();

    public static string DistrictName { get; } = ReadDistrictName();

    /// <summary>The first demo account of a role: the one the tests sign in as.</summary>
    public static DemoLogin For(string role) =>
        Logins.FirstOrDefault(login => login.Role == role) ?? throw new InvalidOperationException($"deploy/demo/logins.json has no '{role}' account.");

    /// <summary>Another account of the role, for tests that spoil an account (locking it) without touching the others'.</summary>
    public static DemoLogin SpareFor(string role) =>
        Logins.Where(login => login.Role == role).Skip(1).FirstOrDefault()
        ?? throw new InvalidOperationException($"deploy/demo/logins.json has only one '{role}' account.");

    public static DemoStreet StreetOf(string communityId) =>
        Streets.Single(street => street.Communities.Any(community => community.Id == communityId));

    public static DemoPlace Community(string communityId) =>
        Streets.SelectMany(street => street.Communities).Single(community => community.Id == communityId);

    private static List<DemoLogin> ReadLogins()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "logins.json")));
        return document.RootElement.EnumerateArray()
            .Select(login => new DemoLogin(
                login.GetProperty("username").GetString()!,
                login.GetProperty("displayName").GetString()!,
                login.GetProperty("role").GetString()!,
                login.GetProperty("scopeType").GetString()!,
                login.GetProperty("scopeId").GetString()!))
            .ToList();
    }

    private static JsonDocument ReadOrganization() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "organization.json")));

    private static string ReadDistrictName()
    {
        using var document = ReadOrganization();
        return document.RootElement.GetProperty("district").GetProperty("name").GetString()!;
    }

    private static List<DemoStreet> ReadStreets()
    {
        using var document = ReadOrganization();
        return document.RootElement.GetProperty("streets").EnumerateArray()
            .Select(street => new DemoStreet(
                street.GetProperty("id").GetString()!,
                street.GetProperty("name").GetString()!,
                street.GetProperty("communities").EnumerateArray()
                    .Select(community => new DemoPlace(community.GetProperty("id").GetString()!, community.GetProperty("name").GetString()!))
                    .ToList()))
            .ToList();
    }
}

public sealed record DemoLogin(string Username, string DisplayName, string Role, string ScopeType, string ScopeId);

public sealed record DemoPlace(string Id, string Name);

public sealed record DemoStreet(string Id, string Name, IReadOnlyList<DemoPlace> Communities);
