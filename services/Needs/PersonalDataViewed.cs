using Platform.EventSourcing;

namespace Platform.Needs;

/// <summary>Someone saw personal data unmasked: recorded so that an auditor can answer "who looked at this reporter".</summary>
[EventType("needs.personal-data-viewed.v1")]
public sealed record PersonalDataViewed(string UserId, string Role, string SubjectKind, string SubjectId, IReadOnlyList<string> Fields, DateTimeOffset ViewedAt);
