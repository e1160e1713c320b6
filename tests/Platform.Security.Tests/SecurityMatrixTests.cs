using System.Reflection;
using Platform.Authorization;
using Platform.Testing;

namespace Platform.Security.Tests;

/// <summary>docs/SECURITY.md is the table of roles × actions that people read; the code is what runs. They must agree.</summary>
public sealed class SecurityMatrixTests
{
    private static readonly string[] PlatformAssemblies =
        ["Platform.Authorization", "Platform.Gateway", "Platform.Needs", "Platform.Resources", "Platform.Projects", "Platform.Volunteers"];

    [Fact]
    public void The_documented_table_of_roles_and_actions_is_the_one_the_code_enforces()
    {
        var documented = DocumentedActions();
        var enforced = EnforcedActions();

        Assert.Equal(enforced.Keys.Order(), documented.Keys.Order());
        foreach (var (name, action) in enforced)
        {
            var allowed = PlatformRoles.All.Where(action.Allows).Select(role => role.Code()).Order();
            Assert.True(allowed.SequenceEqual(documented[name].Order()),
                $"{name}: code allows [{string.Join(", ", allowed)}], docs/SECURITY.md says [{string.Join(", ", documented[name])}]");
        }
    }

    [Fact]
    public void Auditors_are_allowed_no_write_action()
    {
        Assert.All(EnforcedActions().Values.Where(action => action.Kind == AccessKind.Write),
            action => Assert.False(action.Allows(PlatformRole.Auditor), action.Name));
    }

    private static Dictionary<string, PlatformAction> EnforcedActions() =>
        PlatformAssemblies.Select(Assembly.Load)
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.FieldType == typeof(PlatformAction))
            .Select(field => (PlatformAction)field.GetValue(null)!)
            .ToDictionary(action => action.Name);

    private static Dictionary<string, string[]> DocumentedActions()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "SECURITY.md"));
        var header = lines.First(line => line.StartsWith("| action |", StringComparison.Ordinal));
        var roles = Cells(header).Skip(2).ToArray();
        Assert.Equal(PlatformRoles.All.Select(role => role.Code()), roles);
        return lines.SkipWhile(line => line != header).Skip(2)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(Cells)
            .ToDictionary(
                cells => cells[0].Trim('`'),
                cells => cells.Skip(2).Select((mark, index) => (mark, role: roles[index])).Where(cell => cell.mark == "✓").Select(cell => cell.role).ToArray());
    }

    private static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
}
