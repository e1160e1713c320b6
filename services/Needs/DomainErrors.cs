namespace Platform.Needs;

/// <summary>The request itself is malformed or incomplete (HTTP 400); nothing was stored.</summary>
public sealed class InvalidCommandException(string message, IReadOnlyDictionary<string, string[]>? errors = null) : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();
}

/// <summary>The request is well formed but the need or case is not in a state that allows it (HTTP 422).</summary>
public sealed class RuleViolationException(string message) : Exception(message);

/// <summary>The need or case does not exist, or not in the caller's district (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Collects every field error of a command, so one answer lists them all.</summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> errors = [];

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
            messages.Add(message);
        }
        return this;
    }

    public Validation Text(string? value, string field, string label, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value)) return Require(!required, field, $"{label}不能为空。");
        return Require(value.Length <= maxLength, field, $"{label}不能超过 {maxLength} 个字符。");
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count == 0) return;
        throw new InvalidCommandException(
            string.Join(" ", errors.Values.SelectMany(messages => messages)),
            errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray()));
    }
}
