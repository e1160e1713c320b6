using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.EventStore;

public sealed partial class EventStoreOptions
{
    private string schema = "events";

    /// <summary>PostgreSQL schema holding the store's tables; tests give each store its own.</summary>
    public string Schema
    {
        get => schema;
        set => schema = SchemaName().IsMatch(value ?? "")
            ? value!
            : throw new ArgumentException($"Schema name '{value}' must be a lower-case SQL identifier (a-z, 0-9, _).", nameof(value));
    }

    public EventTypeRegistry EventTypes { get; } = new();

    /// <summary>Web defaults, with Chinese (and every other non-ASCII letter) stored as is rather than as \u escapes.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Leave events of unknown type out of reads and subscriptions instead of raising <see cref="UnknownEventTypeException"/>.</summary>
    public bool SkipUnknownEventTypes { get; set; }

    /// <summary>Run in the transaction of every <see cref="EventSession.SaveChangesAsync"/>, over the events it appended.</summary>
    public IList<IInlineProjection> InlineProjections { get; } = [];

    /// <summary>With <c>AddEventStore</c>: migrate the schema when the host starts.</summary>
    public bool MigrateAtStartup { get; set; } = true;

    /// <summary>With <c>AddEventStore</c>: run the <see cref="ProjectionDaemon"/> in the host.</summary>
    public bool RunDaemon { get; set; } = true;

    /// <summary>How long the daemon waits after it caught up before it looks at the log again.</summary>
    public TimeSpan DaemonPollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
