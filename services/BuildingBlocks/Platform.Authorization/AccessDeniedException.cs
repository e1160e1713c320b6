namespace Platform.Authorization;

/// <summary>The caller is known but may not do this here; the problem-details layer answers 403 with the reason.</summary>
public sealed class AccessDeniedException(string reason) : Exception(reason);
