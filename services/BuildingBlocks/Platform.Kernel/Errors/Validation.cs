using Platform.Kernel.Text;

namespace Platform.Kernel.Errors;

/// <summary>Collects every field error of a command, so that one answer lists them all.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> errors = [];

    public bool IsValid => errors.Count == 0;

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
            messages.Add(message);
        }
        return this;
    }

    /// <summary>
    /// A required (or optional) text of at most <paramref name="maxLength"/> characters, without control characters or
    /// direction overrides; with <paramref name="singleLine"/> (titles, names), without line breaks either.
    /// </summary>
    public Validation Text(string? value, string field, string label, int maxLength, bool required = true, bool singleLine = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return Require(!required, field, $"{label}不能为空。");
        return Require(value.Length <= maxLength, field, $"{label}不能超过 {maxLength} 个字符。")
            .Require(!UnsafeCharacters.Contain(value, allowLineBreaks: !singleLine), field,
                singleLine ? $"{label}须为一行文字，不能含换行、控制字符或文字方向控制符。" : $"{label}不能含控制字符或文字方向控制符。");
    }

    /// <summary>A telephone number as people write them: 7–20 digits, with '-', '+' or spaces between.</summary>
    public Validation Phone(string? value, string field, string label, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value)) return Require(!required, field, $"{label}不能为空。");
        var digits = value.Count(char.IsAsciiDigit);
        return Require(digits is >= 7 and <= 20 && value.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' '), field,
            $"{label}须为 7–20 位数字（可含 - 与 +）。");
    }

    /// <exception cref="InvalidCommandException">When any rule failed.</exception>
    public void ThrowIfInvalid()
    {
        if (errors.Count == 0) return;
        throw new InvalidCommandException(
            string.Join(" ", errors.Values.SelectMany(messages => messages)),
            errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()));
    }
}
