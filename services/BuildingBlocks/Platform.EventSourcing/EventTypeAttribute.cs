using System.Reflection;
using Marten;

namespace Platform.EventSourcing;

/// <summary>
/// The name an event type is stored under in <c>mt_events.type</c>. It is part of every event's hash and of the
/// history auditors read, so it never changes once events carry it; a class may be renamed or moved freely.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

public static class EventTypeRegistration
{
    /// <summary>Registers every type of <paramref name="assembly"/> marked with <see cref="EventTypeAttribute"/>
    /// under its stable name. Marten creates the event tables only for a store that knows event types.</summary>
    public static StoreOptions RegisterEventTypes(this StoreOptions options, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(assembly);
        var names = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<EventTypeAttribute>() is not { } attribute) continue;
            if (!names.TryAdd(attribute.Name, type))
                throw new InvalidOperationException($"Event types {names[attribute.Name].FullName} and {type.FullName} are both named '{attribute.Name}'.");
            options.Events.AddEventType(type);
            options.Events.MapEventType(type, attribute.Name);
        }
        return options;
    }
}
