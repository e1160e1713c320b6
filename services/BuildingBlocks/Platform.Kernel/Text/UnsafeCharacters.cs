namespace Platform.Kernel.Text;

/// <summary>
/// Characters no person types into a form: C0 and C1 control characters (NUL above all, which PostgreSQL refuses in
/// text and which used to turn requests into 500s) and the bidirectional embeddings, overrides and isolates that make
/// a title read differently from what it contains. Line breaks and tabs are text in a description, never in a name.
/// </summary>
public static class UnsafeCharacters
{
    public static bool Contain(string? value, bool allowLineBreaks = true)
    {
        if (value is null) return false;
        foreach (var c in value)
        {
            if (IsUnsafe(c, allowLineBreaks)) return true;
        }
        return false;
    }

    private static bool IsUnsafe(char c, bool allowLineBreaks) => c switch
    {
        '\t' or '\n' or '\r' => !allowLineBreaks,
        < ' ' or '\u007F' => true,
        >= '\u0080' and <= '\u009F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
