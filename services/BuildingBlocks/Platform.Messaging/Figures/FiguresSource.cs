namespace Platform.Messaging.Figures;

/// <summary>Which service sends figures, and the statistics subscription of its event store that keeps them.</summary>
/// <param name="Name">The service as readers name it: needs, resources, projects, volunteers.</param>
/// <param name="EventStoreSchema">The schema of the service's Marten event store.</param>
/// <param name="SubscriptionName">The subscription that recounts the figures; how far it has come is how current they are.</param>
public sealed record FiguresSource(string Name, string EventStoreSchema, string SubscriptionName)
{
    /// <summary>How often unsent figures are looked for: the larger part of the delay until a reader sees a change.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the service says how current its figures are, changed or not.</summary>
    public TimeSpan CurrentInterval { get; init; } = TimeSpan.FromSeconds(5);
}
