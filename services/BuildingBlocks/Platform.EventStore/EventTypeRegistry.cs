using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.EventStore;

/// <summary>The stable name an event type is stored under; never change it once events carry it (upcast instead).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Maps CLR types to the stable names events are stored under, and old names to current types through upcasters
/// applied on read. Configure it at start-up; afterwards it is only read (attribute-marked types met at append time
/// are added on the fly).
/// </summary>
public sealed class EventTypeRegistry
{
    private const int MaxUpcastChain = 32;

    private readonly ConcurrentDictionary<Type, string> namesByType = new();
    private readonly ConcurrentDictionary<string, Type> typesByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Upcaster> upcastersByName = new(StringComparer.Ordinal);

    private sealed record Upcaster(string ToTypeName, Func<JsonNode, JsonNode> Transform);

    /// <summary>Registers <typeparamref name="TEvent"/> under <paramref name="name"/>, or under its [EventType] name.</summary>
    public EventTypeRegistry Register<TEvent>(string? name = null) => Register(typeof(TEvent), name);

    public EventTypeRegistry Register(Type type, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        name ??= type.GetCustomAttribute<EventTypeAttribute>()?.Name
            ?? throw new UnregisteredEventTypeException(type);
        ValidateName(name);
        if (upcastersByName.ContainsKey(name))
            throw new ArgumentException($"Event type name '{name}' is already upcast to another name; a current type cannot reuse it.", nameof(name));
        if (!typesByName.TryAdd(name, type) && typesByName[name] != type)
            throw new ArgumentException($"Event type name '{name}' is already registered for {typesByName[name].FullName}.", nameof(name));
        if (!namesByType.TryAdd(type, name) && namesByType[type] != name)
            throw new ArgumentException($"{type.FullName} is already registered as '{namesByType[type]}'.", nameof(type));
        return this;
    }

    /// <summary>Registers every type of <paramref name="assembly"/> marked with [EventType].</summary>
    public EventTypeRegistry RegisterAll(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(type => type.GetCustomAttribute<EventTypeAttribute>() is not null))
            Register(type);
        return this;
    }

    /// <summary>
    /// Events stored as <paramref name="fromTypeName"/> are read as <paramref name="toTypeName"/> after
    /// <paramref name="transform"/> reshapes their JSON. Upcasts chain (v1 → v2 → v3) until a registered name is reached.
    /// </summary>
    public EventTypeRegistry Upcast(string fromTypeName, string toTypeName, Func<JsonNode, JsonNode> transform)
    {
        ValidateName(fromTypeName);
        ValidateName(toTypeName);
        ArgumentNullException.ThrowIfNull(transform);
        if (fromTypeName == toTypeName) throw new ArgumentException("An upcast must lead to another type name.", nameof(toTypeName));
        if (typesByName.ContainsKey(fromTypeName))
            throw new ArgumentException($"'{fromTypeName}' is a current type name; only retired names can be upcast.", nameof(fromTypeName));
        if (!upcastersByName.TryAdd(fromTypeName, new Upcaster(toTypeName, transform)))
            throw new ArgumentException($"'{fromTypeName}' already has an upcast.", nameof(fromTypeName));
        return this;
    }

    /// <summary>Events stored as <paramref name="fromTypeName"/> are read, unchanged, as <paramref name="toTypeName"/>.</summary>
    public EventTypeRegistry Rename(string fromTypeName, string toTypeName) => Upcast(fromTypeName, toTypeName, json => json);

    public string NameOf(Type type)
    {
        if (namesByType.TryGetValue(type, out var name)) return name;
        if (type.GetCustomAttribute<EventTypeAttribute>() is null) throw new UnregisteredEventTypeException(type);
        Register(type);
        return namesByType[type];
    }

    public Type? TypeOf(string name) => typesByName.GetValueOrDefault(name);

    /// <summary>The event stored as <paramref name="typeName"/>, upcast as registered; null when it is unknown and
    /// <paramref name="skipUnknown"/> says to leave it out.</summary>
    internal object? Deserialize(string typeName, string json, long sequence, JsonSerializerOptions serializerOptions, bool skipUnknown)
    {
        if (typesByName.TryGetValue(typeName, out var type)) return JsonSerializer.Deserialize(json, type, serializerOptions)!;
        if (!upcastersByName.ContainsKey(typeName))
            return skipUnknown ? null : throw new UnknownEventTypeException(typeName, sequence);

        var node = JsonNode.Parse(json)!;
        var name = typeName;
        for (var hop = 0; hop < MaxUpcastChain; hop++)
        {
            if (typesByName.TryGetValue(name, out type)) return node.Deserialize(type, serializerOptions)!;
            if (!upcastersByName.TryGetValue(name, out var upcaster))
                return skipUnknown ? null : throw new UnknownEventTypeException(name, sequence);
            node = upcaster.Transform(node);
            name = upcaster.ToTypeName;
        }
        throw new InvalidOperationException($"The upcasts from '{typeName}' form a cycle.");
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 200) throw new ArgumentException($"Event type name '{name[..40]}...' is longer than 200 characters.", nameof(name));
    }
}
