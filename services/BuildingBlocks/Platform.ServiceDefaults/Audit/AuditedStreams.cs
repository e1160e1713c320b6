using System.Text.Json.Nodes;
using JasperFx.Events;
using Platform.Kernel.Errors;

namespace Platform.ServiceDefaults.Audit;

/// <summary>How a service's events read to people: a Chinese title, the time the decision saw (the store's own
/// timestamp is when it was recorded), and the facts, with personal data masked because auditors and dossiers do not
/// handle the people concerned.</summary>
public interface IEventNarrator
{
    string TitleOf(object data);

    JsonObject Details(object data);

    DateTimeOffset BusinessTime(IEvent stored);

    /// <summary>What people call a field of <see cref="Details"/> (原因, 牵头部门 …), for the printed dossier; a field
    /// without a name keeps its key, so that nothing is hidden from an auditor.</summary>
    string FieldName(string field) => field;

    /// <summary>
    /// What the printed dossier shows for the values in <paramref name="details"/>: a category's name for its code, a
    /// department's name for its id. Asked once for each dossier, because names come from the service's catalogue and
    /// its copy of the org tree; the answer is asked (field, value) and gives null for a value it has no name for,
    /// which is then shown as it is, so that nothing is hidden from an auditor. The JSON export keeps the codes.
    /// </summary>
    Task<Func<string, string, string?>> ValueNamesAsync(string districtCode, string kind, IReadOnlyList<JsonObject> details, CancellationToken cancellationToken) =>
        Task.FromResult<Func<string, string, string?>>((_, _) => null);
}

/// <summary>One kind of stream an auditor may open, named in the URL as <see cref="Kind"/>.</summary>
/// <param name="Kind">The URL segment: <c>needs</c>, <c>cases</c> …</param>
/// <param name="Name">What people call one of them: 需求, 吹哨案件 …</param>
/// <param name="StreamIdOf">The stream of the thing with this id.</param>
/// <param name="StateOf">The state after the given events, as the console would show it (personal data masked).</param>
/// <param name="TitleOf">A dossier's title, from the stream's events.</param>
public sealed record AuditedKind(
    string Kind, string Name, Func<string, string> StreamIdOf, Func<IReadOnlyList<IEvent>, object> StateOf, Func<IReadOnlyList<IEvent>, string?> TitleOf);

/// <summary>The kinds of stream a service opens to auditors, and how its events read.</summary>
public sealed class AuditedStreams(IEventNarrator narrator, IEnumerable<AuditedKind> kinds)
{
    private readonly Dictionary<string, AuditedKind> byKind = kinds.ToDictionary(kind => kind.Kind, StringComparer.Ordinal);

    public IEventNarrator Narrator { get; } = narrator;

    public IReadOnlyCollection<AuditedKind> Kinds => byKind.Values;

    public AuditedKind Find(string kind) => byKind.TryGetValue(kind, out var found)
        ? found
        : throw new NotFoundException($"未知的审计对象类型「{kind}」（应为 {string.Join("、", byKind.Keys)}）。");
}

/// <summary>The places a dossier's facts name, wherever they stand in them, so that a narrator names them all at once.</summary>
public static class AuditedPlaces
{
    /// <summary>The values of every field called one of <paramref name="fields"/> (communityId, streetId …), at any depth.</summary>
    public static IEnumerable<string> IdsIn(JsonNode? node, IReadOnlySet<string> fields) => node switch
    {
        JsonObject record => record.SelectMany(field => fields.Contains(field.Key) && field.Value is JsonValue value && value.TryGetValue<string>(out var id)
            ? [id]
            : IdsIn(field.Value, fields)),
        JsonArray list => list.SelectMany(item => IdsIn(item, fields)),
        _ => [],
    };
}
