namespace Platform.Authorization;

/// <summary>Masking of a person's name and phone for roles that do not handle them (138****1234).</summary>
public static class PersonalData
{
    public static string MaskPhone(string phone)
    {
        var digits = phone.Trim();
        return digits.Length >= 7 ? string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(digits.Length - 4)) : new string('*', digits.Length);
    }

    /// <summary>Keeps the family name: 张三丰 → 张**.</summary>
    public static string MaskName(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= 1 ? "*" : string.Concat(trimmed.AsSpan(0, 1), new string('*', trimmed.Length - 1));
    }
}
