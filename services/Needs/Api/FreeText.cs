using Platform.Authorization;

namespace Platform.Needs.Api;

/// <summary>What residents typed, as a role that sees only masked personal data may read it.</summary>
internal static class FreeText
{
    public static string? Masked(string? text) => text is null ? null : PersonalData.MaskInText(text);
}
