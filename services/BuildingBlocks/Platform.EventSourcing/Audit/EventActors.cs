using JasperFx.Events;
using Marten;

namespace Platform.EventSourcing.Audit;

/// <summary>
/// Who an event was by, as people read it. The actor (Marten's user name) is an account or a system's id and stays the
/// key auditors trace with; the name the person had when they acted travels beside it in a header, so that a timeline
/// reads "龙凤英（兴华南里社区）" and still says who it was after the account is renamed or gone. Both are in the
/// event's hash.
/// </summary>
public static class EventActors
{
    public const string NameHeader = "actor-name";

    /// <summary>Stamps <paramref name="name"/> on every event the session appends.</summary>
    public static void NameActor(this IDocumentSession session, string? name)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!string.IsNullOrWhiteSpace(name)) session.SetHeader(NameHeader, name);
    }

    /// <summary>The name recorded with the event, or what its actor id says of itself.</summary>
    public static string? NameOf(IEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.GetHeader(NameHeader)?.ToString() is { Length: > 0 } name ? name : Describe(stored.UserName);
    }

    /// <summary>The machines that act have ids of their own kind: <c>system:…</c> (timers), <c>service:…</c> (another
    /// service's event), <c>intake:…</c> (an external platform). A person's id is left as it is.</summary>
    public static string? Describe(string? actor) => actor switch
    {
        null or "" => null,
        "system:timer" => "系统（时限计时器）",
        _ when actor.StartsWith("system:", StringComparison.Ordinal) => "系统",
        _ when actor.StartsWith("service:", StringComparison.Ordinal) => "系统（其他服务的通知）",
        _ when actor.StartsWith("intake:", StringComparison.Ordinal) => $"外部平台（{actor["intake:".Length..]}）",
        _ => actor,
    };
}
