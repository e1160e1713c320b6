using Platform.EventSourcing;
using Platform.Resources.Units;

namespace Platform.Resources.ReadModels;

/// <summary>A co-building unit as lists and its page show it. The liaison is kept whole here and masked on the way out
/// to those who do not work with the unit.</summary>
public sealed record UnitView : IStreamView
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public Liaison? Liaison { get; init; }
    public IReadOnlyList<ServedCommunity> Communities { get; init; } = [];
    public DateTimeOffset JoinedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? LeftAt { get; init; }
    public string? LeftReason { get; init; }
    public long Version { get; init; }

    public static UnitView Apply(UnitView view, UnitEvent @event) => @event switch
    {
        UnitJoined joined => view with
        {
            Id = joined.UnitId, Name = joined.Name, Kind = joined.Kind, Status = Active, Liaison = joined.Liaison, Communities = joined.Communities,
            JoinedAt = joined.JoinedAt, UpdatedAt = joined.JoinedAt,
        },
        UnitLiaisonChanged changed => view with { Liaison = changed.Liaison, UpdatedAt = changed.ChangedAt },
        UnitCommunitiesChanged changed => view with { Communities = changed.Communities, UpdatedAt = changed.ChangedAt },
        UnitLeft left => view with { Status = Left, LeftAt = left.LeftAt, LeftReason = left.Reason, UpdatedAt = left.LeftAt },
    };

    public const string Active = "active";
    public const string Left = "left";
}
