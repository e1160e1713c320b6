using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.Authorization;

/// <summary>Masking of a person's name, phone and ID number for roles that do not handle them (138****1234).</summary>
public static partial class PersonalData
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

    /// <summary>Keeps the region's first three and the last four characters: 110101199003071234 → 110***********1234.</summary>
    public static string MaskIdNumber(string idNumber) =>
        idNumber.Length <= 7 ? new string('*', idNumber.Length) : string.Concat(idNumber.AsSpan(0, 3), new string('*', idNumber.Length - 7), idNumber.AsSpan(idNumber.Length - 4));

    /// <summary>Masks the name and phone of the person at <paramref name="property"/> of a serialized record (an event's
    /// reporter, a unit's contact), for histories and timelines read by people who do not handle that person.</summary>
    public static void MaskPersonIn(JsonObject json, string property)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json[property] is not JsonObject person) return;
        person["name"] = MaskName(person["name"]?.GetValue<string>() ?? "");
        person["phone"] = MaskPhone(person["phone"]?.GetValue<string>() ?? "");
    }

    /// <summary>
    /// Free text as a role that sees only masked data may read it: people type phone numbers and ID numbers into
    /// descriptions and comments. ID numbers (15 or 18 characters) and anything dialable (7 to 13 digits, with
    /// spaces, dashes or +86) are masked; a date such as 2026-12-05 or 20261205 is not a phone number.
    /// </summary>
    public static string MaskInText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withoutIds = IdNumberLike().Replace(text, match => MaskIdNumber(match.Value));
        return PhoneLike().Replace(withoutIds, match =>
        {
            var digits = match.Value.Count(char.IsAsciiDigit);
            return digits is >= 7 and <= 15 && !DateLike().IsMatch(match.Value) ? MaskPhone(match.Value) : match.Value;
        });
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z*])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex IdNumberLike();

    [GeneratedRegex(@"(?<![\d*])\+?\d[\d -]{5,16}\d(?![\d*])")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"^(19|20)\d\d[-/ ]?(0[1-9]|1[0-2])[-/ ]?(0[1-9]|[12]\d|3[01])$")]
    private static partial Regex DateLike();
}
