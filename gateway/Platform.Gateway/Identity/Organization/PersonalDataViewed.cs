using Platform.EventSourcing;

namespace Platform.Gateway.Identity.Organization;

/// <summary>Someone saw a person's name or phone unmasked. Recorded every time, so auditors can ask who looked.</summary>
[EventType("identity.personal-data-viewed.v1")]
public sealed record PersonalDataViewed(string ViewerId, string ViewerRole, string SubjectKind, string SubjectId, IReadOnlyList<string> Fields);
