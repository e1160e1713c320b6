using Marten;
using Platform.EventSourcing;

namespace Platform.Bench;

// Shaped like the platform's own events: a few ids, some Chinese text, a timestamp (about 300 bytes of JSON), under
// stable names as a service's events are (the names the old store's benchmark used).

[EventType("bench.need-raised.v1")]
public sealed record NeedRaised(Guid NeedId, string District, string Title, string Description, int Priority, DateTimeOffset RaisedAt);

[EventType("bench.need-assigned.v1")]
public sealed record NeedAssigned(Guid NeedId, Guid VolunteerId, string VolunteerName, DateTimeOffset AssignedAt);

[EventType("bench.need-closed.v1")]
public sealed record NeedClosed(Guid NeedId, string Outcome, DateTimeOffset ClosedAt);

public static class BenchEvents
{
    public const string Tenant = "310104";

    public static readonly string CorrelationId = Guid.NewGuid().ToString();
    public const string CausationId = "bench-command";
    public const string Actor = "街道办-李明";

    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly Type[] Types = [typeof(NeedRaised), typeof(NeedAssigned), typeof(NeedClosed)];

    /// <summary>As a service registers its events, before Marten creates mt_events.</summary>
    public static void Register(StoreOptions options) => options.RegisterEventTypes(typeof(BenchEvents).Assembly);

    /// <summary>What a command handler puts on its session: correlation, causation and the actor, all part of the hash.</summary>
    public static T Stamped<T>(T session) where T : IDocumentSession
    {
        session.CorrelationId = CorrelationId;
        session.CausationId = CausationId;
        session.LastModifiedBy = Actor;
        return session;
    }

    /// <summary>The <paramref name="version"/>-th event (1-based) of a need's stream: raised, assigned, then closed.</summary>
    public static object Event(Guid needId, long version) => (version % 10) switch
    {
        1 => new NeedRaised(needId, "徐汇区", "独居老人助餐需求", "每周三次送餐上门，需要志愿者协助，联系社区居委会。", (int)(version % 5), Epoch.AddMinutes(version)),
        0 => new NeedClosed(needId, "已完成", Epoch.AddMinutes(version)),
        _ => new NeedAssigned(needId, Guid.NewGuid(), "志愿者王芳", Epoch.AddMinutes(version)),
    };

    public static IEnumerable<object> Events(Guid needId, long afterVersion, int count)
    {
        for (var i = 1; i <= count; i++) yield return Event(needId, afterVersion + i);
    }
}
